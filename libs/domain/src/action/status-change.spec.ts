import { describe, expect, it } from '@jest/globals';
import { changeStatus, statusFieldsOf, type StatusFields } from './status-change';

const opened = new Date('2025-01-01T00:00:00Z');
const shipped = new Date('2025-02-01T00:00:00Z');
const now = new Date('2025-03-01T12:00:00Z');

const base: StatusFields = {
  status: 'open',
  implementedAt: null,
  closedAt: null,
  statusChangedAt: opened,
  verification: null,
  verificationNote: null,
};

describe('changeStatus', () => {
  it('starts work at the time of the change', () => {
    expect(changeStatus(base, 'in_progress', { at: now })).toEqual({
      ...base,
      status: 'in_progress',
      statusChangedAt: now,
    });
  });

  it('implements now when no time is given', () => {
    const next = changeStatus({ ...base, status: 'in_progress' }, 'implemented', { at: now });
    expect(next).toMatchObject({ status: 'implemented', implementedAt: now, statusChangedAt: now, closedAt: null });
  });

  it('counts an implementation at its explicit past time', () => {
    const next = changeStatus({ ...base, status: 'in_progress' }, 'implemented', { at: now, implementedAt: shipped });
    expect(next).toMatchObject({ implementedAt: shipped, statusChangedAt: shipped });
  });

  it('verifies by hand with the note and closes now', () => {
    const implemented = { ...base, status: 'implemented' as const, implementedAt: shipped, statusChangedAt: shipped };
    const next = changeStatus(implemented, 'verified', {
      at: now,
      verification: 'manual',
      note: 'checked the dashboards',
    });
    expect(next).toEqual({
      status: 'verified',
      implementedAt: shipped,
      closedAt: now,
      statusChangedAt: now,
      verification: 'manual',
      verificationNote: 'checked the dashboards',
    });
  });

  it('verifies by telemetry at the check time', () => {
    const implemented = { ...base, status: 'implemented' as const, implementedAt: shipped };
    expect(changeStatus(implemented, 'verified', { at: now, verification: 'telemetry' })).toMatchObject({
      verification: 'telemetry',
      closedAt: now,
      verificationNote: null,
    });
  });

  it('closes as wont_fix now and keeps a shipped time', () => {
    const implemented = { ...base, status: 'implemented' as const, implementedAt: shipped };
    expect(changeStatus(implemented, 'wont_fix', { at: now })).toMatchObject({
      status: 'wont_fix',
      closedAt: now,
      statusChangedAt: now,
      implementedAt: shipped,
      verification: null,
    });
  });

  it.each(['implemented', 'verified'] as const)(
    'going back to in_progress from %s clears the fix and the closure',
    (from) => {
      const current: StatusFields = {
        status: from,
        implementedAt: shipped,
        closedAt: from === 'verified' ? now : null,
        statusChangedAt: shipped,
        verification: from === 'verified' ? 'manual' : null,
        verificationNote: from === 'verified' ? 'note' : null,
      };
      const later = new Date(now.getTime() + 1000);
      expect(changeStatus(current, 'in_progress', { at: later })).toEqual({
        status: 'in_progress',
        implementedAt: null,
        closedAt: null,
        statusChangedAt: later,
        verification: null,
        verificationNote: null,
      });
    },
  );
});

describe('statusFieldsOf', () => {
  it('keeps the status fields and drops the rest', () => {
    expect(statusFieldsOf({ ...base, title: 'Add a pool limit', dueAt: now } as StatusFields)).toEqual(base);
  });
});
