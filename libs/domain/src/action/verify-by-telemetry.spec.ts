import { describe, expect, it } from '@jest/globals';
import { anAction, CLOSED, NOW, SHIPPED } from '../testing/action.factory';
import type { Action } from './action';
import { verifyByTelemetry, type TelemetryVerdict } from './verify-by-telemetry';

const iso = (d: Date) => d.toISOString();
const implemented = anAction({ status: 'implemented', implementedAt: SHIPPED, statusChangedAt: SHIPPED });
const verified: Action = {
  ...implemented,
  status: 'verified',
  closedAt: CLOSED,
  statusChangedAt: CLOSED,
  verification: 'telemetry',
};
const EVIDENCE = [
  { metric: 'checkout latency', reason: 'avg 200 over 1–2 Dec (288 samples) vs goal ≤ 300: met.' },
  { metric: 'error ratio', reason: null },
];
const verdictOf = (action: Action): TelemetryVerdict => ({
  status: action.status,
  closedAt: action.closedAt,
  statusChangedAt: action.statusChangedAt,
  verification: action.verification,
});

describe('verifyByTelemetry', () => {
  it('verifies at the check that proved it, audited at now, and notifies it at closedAt', () => {
    const { action, audit, events } = verifyByTelemetry(implemented, verdictOf(verified), NOW, EVIDENCE);
    expect(action).toEqual({ ...verified, updatedAt: NOW });
    expect(audit).toEqual([
      {
        type: 'status_changed',
        at: NOW,
        changes: {
          status: { from: 'implemented', to: 'verified' },
          closedAt: { from: null, to: iso(CLOSED) },
          statusChangedAt: { from: iso(SHIPPED), to: iso(CLOSED) },
          verification: { from: null, to: 'telemetry' },
        },
      },
    ]);
    expect(events).toEqual([
      {
        type: 'action.verified',
        occurredAt: CLOSED,
        body: {
          action: {
            id: 'a-1',
            title: 'Cap retries',
            ownerTeam: 'payments',
            priority: 'P2',
            status: 'verified',
            dueAt: null,
          },
          verification: 'telemetry',
          closedAt: iso(CLOSED),
          evidence: EVIDENCE,
        },
      },
    ]);
  });

  it('changes nothing when the checks agree with the stored status', () => {
    expect(verifyByTelemetry(verified, verdictOf(verified), NOW, EVIDENCE)).toEqual({
      action: verified,
      audit: [],
      events: [],
    });
    expect(verifyByTelemetry(implemented, verdictOf(implemented), NOW, EVIDENCE)).toEqual({
      action: implemented,
      audit: [],
      events: [],
    });
  });

  it('moves a verification to another check without notifying it again', () => {
    const earlier = new Date(CLOSED.getTime() - 3_600_000);
    const { action, audit, events } = verifyByTelemetry(
      verified,
      { ...verdictOf(verified), closedAt: earlier, statusChangedAt: earlier },
      NOW,
      EVIDENCE,
    );
    expect(action).toMatchObject({ status: 'verified', closedAt: earlier, statusChangedAt: earlier, updatedAt: NOW });
    expect(audit[0].changes).toEqual({
      closedAt: { from: iso(CLOSED), to: iso(earlier) },
      statusChangedAt: { from: iso(CLOSED), to: iso(earlier) },
    });
    expect(events).toEqual([]);
  });

  it('withdraws a verification the checks no longer prove', () => {
    const { action, audit, events } = verifyByTelemetry(verified, verdictOf(implemented), NOW, EVIDENCE);
    expect(action).toMatchObject({
      status: 'implemented',
      closedAt: null,
      statusChangedAt: SHIPPED,
      verification: null,
    });
    expect(audit[0].changes).toEqual({
      status: { from: 'verified', to: 'implemented' },
      closedAt: { from: iso(CLOSED), to: null },
      statusChangedAt: { from: iso(CLOSED), to: iso(SHIPPED) },
      verification: { from: 'telemetry', to: null },
    });
    expect(events).toEqual([]);
  });

  it('takes over a manual verification as telemetry without a second notification', () => {
    const manual: Action = { ...verified, verification: 'manual', verificationNote: 'by hand' };
    const { action, audit, events } = verifyByTelemetry(manual, verdictOf(verified), NOW, EVIDENCE);
    expect(action).toMatchObject({ verification: 'telemetry', verificationNote: 'by hand' });
    expect(audit[0].changes).toEqual({ verification: { from: 'manual', to: 'telemetry' } });
    expect(events).toEqual([]);
  });

  it('touches only the four fields a verdict decides', () => {
    const { action } = verifyByTelemetry(implemented, verdictOf(verified), NOW, EVIDENCE);
    const { status: _s, closedAt: _c, statusChangedAt: _t, verification: _v, updatedAt: _u, ...rest } = action;
    const {
      status: _s2,
      closedAt: _c2,
      statusChangedAt: _t2,
      verification: _v2,
      updatedAt: _u2,
      ...before
    } = implemented;
    expect(rest).toEqual(before);
  });
});
