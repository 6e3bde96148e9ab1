import { describe, expect, it } from '@jest/globals';
import { teamCounts } from '@app/testing/record-defaults';
import type { SummaryReportDto } from './dto/summary-report.dto';
import { csvCell, renderSummaryCsv } from './summary-csv.renderer';

function report(overrides: Partial<SummaryReportDto> = {}): SummaryReportDto {
  return {
    generatedAt: '2025-03-01T12:00:00.000Z',
    total: 5,
    byStatus: { open: 1, in_progress: 1, implemented: 1, verified: 1, wont_fix: 1 },
    byPriority: { P0: 2, P1: 0, P2: 3, P3: 0 },
    byFlag: {
      overdue: 1,
      stalled: 2,
      ineffective: 0,
      regressed: 0,
      no_telemetry: 0,
      source_error: 0,
      improved_before_fix: 0,
    },
    byTeam: [
      {
        team: 'payments',
        total: 3,
        open: 1,
        inProgress: 1,
        implemented: 0,
        verified: 1,
        wontFix: 0,
        overdue: 1,
        stalled: 1,
        flagged: 2,
      },
      {
        team: 'sre',
        total: 2,
        open: 0,
        inProgress: 0,
        implemented: 1,
        verified: 0,
        wontFix: 1,
        overdue: 0,
        stalled: 1,
        flagged: 1,
      },
    ],
    telemetryCoverage: { openActions: 3, withMetrics: 2, share: 2 / 3 },
    verification: { verified: 1, byTelemetry: 0, manually: 1, telemetryShare: 0, manualShare: 1 },
    timeToVerify: {
      openToVerified: { count: 1, medianSeconds: 86400 },
      implementedToVerified: { count: 0, medianSeconds: null },
    },
    ...overrides,
  };
}

describe('renderSummaryCsv', () => {
  it('is a long table section,key,value with CRLF line ends, every number on its own row', () => {
    const csv = renderSummaryCsv(report());
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      'section,key,value',
      'report,generatedAt,2025-03-01T12:00:00.000Z',
      'report,total,5',
      'status,open,1',
      'status,in_progress,1',
      'status,implemented,1',
      'status,verified,1',
      'status,wont_fix,1',
      'priority,P0,2',
      'priority,P1,0',
      'priority,P2,3',
      'priority,P3,0',
      'flag,overdue,1',
      'flag,stalled,2',
      'flag,ineffective,0',
      'flag,regressed,0',
      'flag,no_telemetry,0',
      'flag,source_error,0',
      'flag,improved_before_fix,0',
      'team.total,payments,3',
      'team.total,sre,2',
      'team.open,payments,1',
      'team.open,sre,0',
      'team.inProgress,payments,1',
      'team.inProgress,sre,0',
      'team.implemented,payments,0',
      'team.implemented,sre,1',
      'team.verified,payments,1',
      'team.verified,sre,0',
      'team.wontFix,payments,0',
      'team.wontFix,sre,1',
      'team.overdue,payments,1',
      'team.overdue,sre,0',
      'team.stalled,payments,1',
      'team.stalled,sre,1',
      'team.flagged,payments,2',
      'team.flagged,sre,1',
      'coverage,openActions,3',
      'coverage,withMetrics,2',
      `coverage,share,${2 / 3}`,
      'verification,verified,1',
      'verification,byTelemetry,0',
      'verification,manually,1',
      'verification,telemetryShare,0',
      'verification,manualShare,1',
      'timeToVerify.openToVerified,count,1',
      'timeToVerify.openToVerified,medianSeconds,86400',
      'timeToVerify.implementedToVerified,count,0',
      'timeToVerify.implementedToVerified,medianSeconds,',
      '',
    ]);
  });

  it('leaves a null share or median as an empty cell and writes no team rows when there are no teams', () => {
    const csv = renderSummaryCsv(
      report({
        byTeam: [],
        telemetryCoverage: { openActions: 0, withMetrics: 0, share: null },
        verification: { verified: 0, byTelemetry: 0, manually: 0, telemetryShare: null, manualShare: null },
      }),
    );
    expect(csv).not.toContain('team.');
    expect(csv).toContain('\r\ncoverage,share,\r\n');
    expect(csv).toContain('\r\nverification,telemetryShare,\r\nverification,manualShare,\r\n');
  });

  it('quotes a team name holding a comma, a quote or a line break, and guards one that starts a formula', () => {
    const team = (name: string) => teamCounts(name, { total: 1, open: 1 });
    const csv = renderSummaryCsv(
      report({ byTeam: [team('a,b'), team('say "hi"'), team('two\nlines'), team('=HYPERLINK("http://x","y")')] }),
    );
    expect(csv).toContain('\r\nteam.total,"a,b",1\r\n');
    expect(csv).toContain('\r\nteam.total,"say ""hi""",1\r\n');
    expect(csv).toContain('\r\nteam.total,"two\nlines",1\r\n');
    expect(csv).toContain(`\r\nteam.total,"'=HYPERLINK(""http://x"",""y"")",1\r\n`);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a=b', 'a=b'],
    ['a"b', '"a""b"'],
    ['a,b', '"a,b"'],
    ['a\r\nb', '"a\r\nb"'],
    ['=a,b', `"'=a,b"`],
  ])('text %j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [12, '12'],
    [0.75, '0.75'],
    [-3, '-3'],
    [null, ''],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
  ])('value %p → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});
