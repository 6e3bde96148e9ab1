import type { SummaryReportDto } from './dto/summary-report.dto';
import type { TeamSummaryDto } from './dto/team-summary.dto';

type Cell = string | number | null;

const TEAM_COLUMNS: Array<Exclude<keyof TeamSummaryDto, 'team'>> = [
  'total',
  'open',
  'inProgress',
  'implemented',
  'verified',
  'wontFix',
  'overdue',
  'stalled',
  'flagged',
];

/**
 * The summary as a long table `section,key,value` (RFC 4180: CRLF line ends, quoted where needed),
 * one number per row so a spreadsheet can pivot it; a null (a share of nothing, a median of no
 * actions) is an empty cell. Team names are user text, hence the formula guard.
 */
export function renderSummaryCsv(report: SummaryReportDto): string {
  const rows: Cell[][] = [
    ['section', 'key', 'value'],
    ['report', 'generatedAt', report.generatedAt],
    ['report', 'total', report.total],
    ...entries('status', report.byStatus),
    ...entries('priority', report.byPriority),
    ...entries('flag', report.byFlag),
    ...TEAM_COLUMNS.flatMap((column) =>
      report.byTeam.map((team): Cell[] => [`team.${column}`, team.team, team[column]]),
    ),
    ...entries('coverage', report.telemetryCoverage),
    ...entries('verification', report.verification),
    ...entries('timeToVerify.openToVerified', report.timeToVerify.openToVerified),
    ...entries('timeToVerify.implementedToVerified', report.timeToVerify.implementedToVerified),
  ];
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

function entries(section: string, values: object): Cell[][] {
  return Object.entries(values).map(([key, value]) => [section, key, value as Cell]);
}

// A cell starting with one of these is run as a formula by spreadsheet programs (OWASP: CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field; text that a spreadsheet would take for a formula is prefixed with `'`. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
