import { describe, expect, it } from '@jest/globals';
import { teamCounts } from '@app/testing/record-defaults';
import type { SummaryCountsRow } from '@app/persistence';
import { toSummaryReportDto } from './summary-report.mapper';

const AT = new Date('2025-03-01T12:00:00Z');

function row(team: string | null, overrides: Partial<SummaryCountsRow> = {}): SummaryCountsRow {
  return {
    ...teamCounts(team),
    p0: 0,
    p1: 0,
    p2: 0,
    p3: 0,
    ineffective: 0,
    regressed: 0,
    noTelemetry: 0,
    sourceError: 0,
    improvedBeforeFix: 0,
    nonTerminal: 0,
    nonTerminalWithMetrics: 0,
    byTelemetry: 0,
    manually: 0,
    implementedToVerifiedCount: 0,
    openToVerifiedMedian: null,
    implementedToVerifiedMedian: null,
    ...overrides,
  };
}

describe('toSummaryReportDto', () => {
  it('takes the totals from the total row and every key from its column', () => {
    const dto = toSummaryReportDto(
      [
        row(null, {
          total: 15,
          open: 1,
          inProgress: 2,
          implemented: 3,
          verified: 4,
          wontFix: 5,
          p0: 6,
          p1: 7,
          p2: 8,
          p3: 9,
          overdue: 10,
          stalled: 11,
          ineffective: 12,
          regressed: 13,
          noTelemetry: 14,
          sourceError: 15,
          improvedBeforeFix: 16,
          nonTerminal: 8,
          nonTerminalWithMetrics: 2,
          byTelemetry: 3,
          manually: 1,
          implementedToVerifiedCount: 2,
          openToVerifiedMedian: 100.5,
          implementedToVerifiedMedian: 20,
        }),
      ],
      AT,
    );
    expect(dto).toEqual({
      generatedAt: '2025-03-01T12:00:00.000Z',
      total: 15,
      byStatus: { open: 1, in_progress: 2, implemented: 3, verified: 4, wont_fix: 5 },
      byPriority: { P0: 6, P1: 7, P2: 8, P3: 9 },
      byFlag: {
        overdue: 10,
        stalled: 11,
        ineffective: 12,
        regressed: 13,
        no_telemetry: 14,
        source_error: 15,
        improved_before_fix: 16,
      },
      byTeam: [],
      telemetryCoverage: { openActions: 8, withMetrics: 2, share: 0.25 },
      verification: { verified: 4, byTelemetry: 3, manually: 1, telemetryShare: 0.75, manualShare: 0.25 },
      timeToVerify: {
        openToVerified: { count: 4, medianSeconds: 100.5 },
        implementedToVerified: { count: 2, medianSeconds: 20 },
      },
    });
  });

  it('gives null shares, not 0 or NaN, when there is nothing to share', () => {
    const dto = toSummaryReportDto([row(null)], AT);
    expect(dto.telemetryCoverage.share).toBeNull();
    expect(dto.verification.telemetryShare).toBeNull();
    expect(dto.verification.manualShare).toBeNull();
  });

  it('sorts teams by code unit, whatever order the database returned them in', () => {
    const dto = toSummaryReportDto(
      [row('payments', { total: 1, flagged: 1 }), row(null), row('Platform'), row('api'), row('platform')],
      AT,
    );
    expect(dto.byTeam.map((t) => t.team)).toEqual(['Platform', 'api', 'payments', 'platform']);
    expect(dto.byTeam[2]).toEqual(teamCounts('payments', { total: 1, flagged: 1 }));
  });

  it('refuses rows without the total row', () => {
    expect(() => toSummaryReportDto([row('payments')], AT)).toThrow(/total row/);
  });
});
