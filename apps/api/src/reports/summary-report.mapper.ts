import type { SummaryCountsRow } from '@app/persistence';
import type { SummaryReportDto } from './dto/summary-report.dto';
import type { TeamSummaryDto } from './dto/team-summary.dto';

/**
 * The report from the database's per-team rows and total row. Sorting happens here, by UTF-16 code
 * units, so the order is the same on every database whatever its collation.
 */
export function toSummaryReportDto(rows: SummaryCountsRow[], generatedAt: Date): SummaryReportDto {
  const total = rows.find((row) => row.team === null);
  if (!total) throw new Error('the summary query returned no total row');
  const teams = rows.filter((row): row is SummaryCountsRow & { team: string } => row.team !== null);
  return {
    generatedAt: generatedAt.toISOString(),
    total: total.total,
    byStatus: {
      open: total.open,
      in_progress: total.inProgress,
      implemented: total.implemented,
      verified: total.verified,
      wont_fix: total.wontFix,
    },
    byPriority: { P0: total.p0, P1: total.p1, P2: total.p2, P3: total.p3 },
    byFlag: {
      overdue: total.overdue,
      stalled: total.stalled,
      ineffective: total.ineffective,
      regressed: total.regressed,
      no_telemetry: total.noTelemetry,
      source_error: total.sourceError,
      improved_before_fix: total.improvedBeforeFix,
    },
    byTeam: teams.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0)).map(toTeamSummary),
    telemetryCoverage: {
      openActions: total.nonTerminal,
      withMetrics: total.nonTerminalWithMetrics,
      share: share(total.nonTerminalWithMetrics, total.nonTerminal),
    },
    verification: {
      verified: total.verified,
      byTelemetry: total.byTelemetry,
      manually: total.manually,
      telemetryShare: share(total.byTelemetry, total.verified),
      manualShare: share(total.manually, total.verified),
    },
    timeToVerify: {
      openToVerified: { count: total.verified, medianSeconds: total.openToVerifiedMedian },
      implementedToVerified: {
        count: total.implementedToVerifiedCount,
        medianSeconds: total.implementedToVerifiedMedian,
      },
    },
  };
}

function toTeamSummary(row: SummaryCountsRow & { team: string }): TeamSummaryDto {
  return {
    team: row.team,
    total: row.total,
    open: row.open,
    inProgress: row.inProgress,
    implemented: row.implemented,
    verified: row.verified,
    wontFix: row.wontFix,
    overdue: row.overdue,
    stalled: row.stalled,
    flagged: row.flagged,
  };
}

/** A share of a whole; null rather than 0 or NaN when the whole is empty, since "0 %" of nothing misleads. */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
