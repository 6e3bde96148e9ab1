import { describe, expect, it } from '@jest/globals';
import { actionNotYetDone } from '@app/testing/record-defaults';
import type { ReportAction, ReportFlag } from './postmortem-report.model';
import { outcomeOverview } from './report-overview';

const NOW = new Date('2025-03-01T12:00:00Z');
const PAST = new Date('2025-02-01T00:00:00Z');
const LATER = new Date('2025-04-01T00:00:00Z');

function action(overrides: Partial<ReportAction> = {}): ReportAction {
  return {
    title: 'a',
    ownerTeam: 't',
    priority: 'P2',
    status: 'open',
    dueAt: LATER,
    ...actionNotYetDone(),
    ...overrides,
  };
}

const flag = (kind: ReportFlag['kind']): ReportFlag => ({ kind, reason: 'r', raisedAt: PAST });

describe('outcomeOverview', () => {
  it.each([
    ['one open action', [action()], '0 of 1 action verified · 0 overdue · 0 stalled'],
    [
      'verified both ways, overdue by the clock, stalled by flag',
      [
        action({ status: 'verified', verification: 'telemetry' }),
        action({ status: 'verified', verification: 'telemetry' }),
        action({ status: 'verified', verification: 'manual' }),
        action({ dueAt: PAST, flags: [flag('overdue'), flag('stalled')] }),
        action({ status: 'in_progress' }),
      ],
      '3 of 5 actions verified (2 by telemetry, 1 manually) · 1 overdue · 1 stalled',
    ],
    [
      'overdue follows the clock given, not a stale flag; terminal and undated actions are never overdue',
      [
        action({ dueAt: PAST }),
        action({ dueAt: NOW }),
        action({ dueAt: null }),
        action({ flags: [flag('overdue')] }),
        action({ status: 'verified', verification: 'manual', dueAt: PAST }),
        action({ status: 'wont_fix', dueAt: PAST }),
      ],
      "1 of 6 actions verified (0 by telemetry, 1 manually) · 1 overdue · 0 stalled · 1 won't fix",
    ],
    [
      'other flag kinds only when some action has them, in a fixed order',
      [
        action({ status: 'implemented', flags: [flag('source_error'), flag('ineffective')] }),
        action({ status: 'verified', verification: 'telemetry', flags: [flag('regressed')] }),
        action({ flags: [flag('no_telemetry'), flag('stalled')] }),
        action({ flags: [flag('no_telemetry')] }),
      ],
      '1 of 4 actions verified (1 by telemetry, 0 manually) · 0 overdue · 1 stalled · 1 ineffective · 1 regressed · 2 no telemetry · 1 source error',
    ],
  ])('%s', (_name, actions, expected) => {
    expect(outcomeOverview(actions, NOW)).toBe(expected);
  });
});
