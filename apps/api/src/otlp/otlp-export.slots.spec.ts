import { describe, expect, it } from '@jest/globals';
import { ExportSlots } from './otlp-export.slots';

describe('ExportSlots', () => {
  it('refuses once every slot is held and admits again after a release', () => {
    const slots = new ExportSlots(2);
    expect(slots.take()).toBe(true);
    expect(slots.take()).toBe(true);
    expect(slots.take()).toBe(false);
    expect(slots.inUse).toBe(2);
    slots.release();
    expect(slots.take()).toBe(true);
  });

  it('never goes below zero on a stray release', () => {
    const slots = new ExportSlots(1);
    slots.release();
    expect(slots.inUse).toBe(0);
    expect(slots.take()).toBe(true);
    expect(slots.take()).toBe(false);
  });

  it('is off at 0', () => {
    const slots = new ExportSlots(0);
    for (let i = 0; i < 1000; i++) expect(slots.take()).toBe(true);
  });
});
