import { describe, expect, it } from '@jest/globals';
import type { AuditEntry } from '@app/domain';
import { withLinkChange } from './link-audit';

const at = new Date('2026-11-03T10:00:00Z');
const link = { name: 'github', key: 'acme/checkout#12' };

describe('withLinkChange', () => {
  it('leaves the entries as they are when the link did not change', () => {
    const audit: AuditEntry[] = [{ type: 'updated', changes: { title: { from: 'a', to: 'b' } }, at }];
    expect(withLinkChange(audit, null, at)).toBe(audit);
    expect(withLinkChange([], null, at)).toEqual([]);
  });

  it('records a link change alone as an updated entry of its own', () => {
    expect(withLinkChange([], { from: null, to: link }, at)).toEqual([
      { type: 'updated', changes: { tracker: { from: null, to: link } }, at },
    ]);
  });

  it('adds the link change to the entry of the change it came with, one event for the whole change', () => {
    const moved: AuditEntry = { type: 'status_changed', changes: { status: { from: 'open', to: 'in_progress' } }, at };
    const later: AuditEntry = { type: 'status_changed', changes: { status: { from: 'a', to: 'b' } }, at };
    expect(withLinkChange([moved, later], { from: link, to: null }, new Date(0))).toEqual([
      { ...moved, changes: { ...moved.changes, tracker: { from: link, to: null } } },
      later,
    ]);
  });
});
