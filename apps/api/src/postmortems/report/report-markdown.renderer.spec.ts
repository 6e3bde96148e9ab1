import { describe, expect, it } from '@jest/globals';
import type { PostmortemReportData, ReportAction, ReportMetric } from './postmortem-report.model';
import { renderReportMarkdown } from './report-markdown.renderer';

const NOW = new Date('2025-03-01T12:00:00Z');

function metric(overrides: Partial<ReportMetric> = {}): ReportMetric {
  return {
    id: '6f1c2a4e-0b8d-4c1e-9a53-2d7f0e8b1c44',
    name: 'checkout p99 latency',
    datasource: 'prom-main',
    query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))',
    selector: null,
    direction: 'decrease',
    target: { absolute: 0.25, relativePercent: 20 },
    aggregation: 'p99',
    baseline: null,
    outcome: null,
    ...overrides,
  };
}

function action(overrides: Partial<ReportAction> = {}): ReportAction {
  return {
    title: 'Add a canary stage',
    ownerTeam: 'payments-sre',
    priority: 'P1',
    status: 'in_progress',
    dueAt: new Date('2025-04-01T00:00:00Z'),
    implementedAt: null,
    closedAt: null,
    verification: null,
    verificationNote: null,
    flags: [],
    metrics: [metric()],
    ...overrides,
  };
}

function report(
  overrides: Partial<PostmortemReportData['postmortem']> = {},
  actions: ReportAction[] = [action()],
): PostmortemReportData {
  return {
    postmortem: {
      kind: 'incident',
      title: 'Checkout outage',
      severity: 'SEV2',
      occurredAt: new Date('2025-01-05T14:02:00Z'),
      resolvedAt: new Date('2025-01-05T16:17:00Z'),
      services: ['checkout', 'payments_api'],
      summary: 'Users could not pay for **2 hours**.',
      timeline: [
        { at: '2025-01-05T16:17:00.000Z', text: 'resolved' },
        { at: '2025-01-05T14:02:00.000Z', text: 'alert fired' },
        { at: '2025-01-05T14:30:00.000Z', text: 'rolled back' },
      ],
      contributingFactors: [
        { kind: 'trigger', category: 'technology', text: 'a config push without validation' },
        { kind: 'latent', category: 'process', text: 'no canary for config changes' },
        { kind: 'latent', category: 'people', text: 'on-call rotation understaffed' },
      ],
      ...overrides,
    },
    actions,
  };
}

/** The text of one `## ` section, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('renderReportMarkdown', () => {
  it('opens with the title, the kind and when it was generated', () => {
    const md = renderReportMarkdown(report(), NOW);
    expect(md.startsWith('# Checkout outage\n\n_Incident post-mortem · report generated 2025-03-01 12:00 UTC_\n')).toBe(
      true,
    );
  });

  it.each<[string, Partial<PostmortemReportData['postmortem']>, string[]]>([
    [
      'lists the facts: kind, severity, occurred, resolved, duration and services',
      {},
      [
        '- **Kind:** incident',
        '- **Severity:** SEV2',
        '- **Occurred:** 2025-01-05 14:02 UTC',
        '- **Resolved:** 2025-01-05 16:17 UTC',
        '- **Duration:** 2 h 15 min',
        '- **Services:** checkout, payments\\_api',
      ],
    ],
    [
      'says what is unknown when facts are missing',
      { kind: 'premortem', severity: null, occurredAt: null, resolvedAt: null, services: [] },
      [
        '- **Severity:** not set',
        '- **Occurred:** not recorded',
        '- **Resolved:** not recorded',
        '- **Duration:** unknown',
        '- **Services:** none recorded',
      ],
    ],
    [
      'marks an incident that has not been resolved',
      { resolvedAt: null },
      ['- **Resolved:** not resolved', '- **Duration:** unknown'],
    ],
  ])('%s', (_name, facts, lines) => {
    const section_ = section(renderReportMarkdown(report(facts), NOW), 'Facts');
    for (const line of lines) expect(section_).toContain(line);
  });

  it('includes the summary as Markdown, its headings below the report sections', () => {
    const md = renderReportMarkdown(report({ summary: '# Impact\n\nUsers could not pay for **2 hours**.' }), NOW);
    const summary = section(md, 'Summary');
    expect(summary).toContain('### Impact');
    expect(summary).toContain('Users could not pay for **2 hours**.');
    expect(md).not.toMatch(/^# Impact/m);
  });

  it('closes a code fence the summary left open, so the sections after it stay sections', () => {
    const md = renderReportMarkdown(report({ summary: 'logs:\n```\npanic: nil map' }), NOW);
    expect(section(md, 'Summary')).toContain('```\npanic: nil map\n```');
    expect(md).toContain('\n## Timeline\n');
  });

  it('lists the timeline in chronological order', () => {
    const timeline = section(renderReportMarkdown(report(), NOW), 'Timeline');
    const lines = timeline.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toEqual([
      '- **2025-01-05 14:02 UTC** — alert fired',
      '- **2025-01-05 14:30 UTC** — rolled back',
      '- **2025-01-05 16:17 UTC** — resolved',
    ]);
  });

  it('keeps the lines of a multi-line entry inside its list item', () => {
    const timeline = section(
      renderReportMarkdown(
        report({ timeline: [{ at: '2025-01-05T14:02:00Z', text: 'rolled back:\n- step one\n# not a heading' }] }),
        NOW,
      ),
      'Timeline',
    );
    expect(timeline).toContain('- **2025-01-05 14:02 UTC** — rolled back:\\\n  \\- step one\\\n  \\# not a heading');
  });

  it('splits contributing factors into triggers (sharp end) and latent conditions (blunt end) with their category', () => {
    const factors = section(renderReportMarkdown(report(), NOW), 'Contributing factors');
    const [triggers, latent] = factors.split('### Latent conditions (blunt end)');
    expect(triggers).toContain('### Triggers (sharp end)');
    expect(triggers).toContain('- **Technology:** a config push without validation');
    expect(triggers).not.toContain('no canary');
    expect(latent).toContain('- **Process:** no canary for config changes');
    expect(latent).toContain('- **People:** on-call rotation understaffed');
    expect(latent).not.toContain('config push');
  });

  it('renders "none recorded" lines for a post-mortem with nothing in it', () => {
    const md = renderReportMarkdown(report({ summary: '  ', timeline: [], contributingFactors: [] }, []), NOW);
    expect(section(md, 'Summary')).toContain('_No summary recorded._');
    expect(section(md, 'Timeline')).toContain('_None recorded._');
    const factors = section(md, 'Contributing factors');
    expect(factors.match(/_None recorded\._/g)).toHaveLength(2);
    expect(section(md, 'Corrective actions')).toContain('_No corrective actions recorded._');
  });

  it('shows every corrective action in the order given, with team, priority, status and due date', () => {
    const actions = [
      action({ title: 'First', priority: 'P0', ownerTeam: 'platform', status: 'open' }),
      action({ title: 'Second', priority: 'P2', ownerTeam: 'payments-sre', status: 'wont_fix', dueAt: null }),
    ];
    const section_ = section(renderReportMarkdown(report({}, actions), NOW), 'Corrective actions');
    expect(section_.indexOf('### 1. First')).toBeGreaterThan(0);
    expect(section_.indexOf('### 2. Second')).toBeGreaterThan(section_.indexOf('### 1. First'));
    expect(section_).toContain('- **Owner team:** platform');
    expect(section_).toContain('- **Priority:** P0');
    expect(section_).toContain('- **Status:** open');
    expect(section_).toContain("- **Status:** won't fix");
    expect(section_).toContain('- **Due:** 2025-04-01 00:00 UTC\n');
    expect(section_).toContain('- **Due:** none');
  });

  it.each([
    ['past due and open', 'open', '2025-02-28T00:00:00Z', true],
    ['past due and implemented', 'implemented', '2025-02-28T00:00:00Z', true],
    ['due exactly now', 'open', '2025-03-01T12:00:00Z', false],
    ['due later', 'in_progress', '2025-03-02T00:00:00Z', false],
    ['past due but verified', 'verified', '2025-02-28T00:00:00Z', false],
    ["past due but won't fix", 'wont_fix', '2025-02-28T00:00:00Z', false],
  ] as const)('marks overdue against the clock given: %s', (_name, status, dueAt, overdue) => {
    const md = renderReportMarkdown(report({}, [action({ status, dueAt: new Date(dueAt) })]), NOW);
    expect(md.includes('**overdue**')).toBe(overdue);
  });

  it('describes each success metric: name, datasource, query, direction and target, outcome', () => {
    const section_ = section(renderReportMarkdown(report(), NOW), 'Corrective actions');
    expect(section_).toContain('  - **checkout p99 latency** (datasource `prom-main`)');
    expect(section_).toContain(
      '    - Query: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))`',
    );
    expect(section_).toContain(
      '    - Target: decrease to ≤ 0.25 and by ≥ 20 % from the baseline (p99 over the window)',
    );
    expect(section_).toContain('    - Outcome: not yet measured\n');
  });

  it('describes an OpenTelemetry selector and shows a known baseline', () => {
    const selectorMetric = metric({
      name: 'payment errors',
      query: null,
      selector: {
        metric: 'payments.errors',
        attributes: { route: '/pay' },
        statistic: 'rate',
        denominator: { metric: 'payments.requests', statistic: 'rate' },
      },
      direction: 'increase',
      target: { absolute: 99.9 },
      baseline: 98.52,
    });
    const md = renderReportMarkdown(report({}, [action({ metrics: [selectorMetric] })]), NOW);
    expect(md).toContain('    - Selector: `rate(payments.errors{route="/pay"}) / rate(payments.requests)`');
    expect(md).toContain('    - Target: increase to ≥ 99.9 (p99 over the window)');
    expect(md).toContain('    - Outcome: not yet measured (baseline 98.52)');
  });

  it('shows a measured outcome as baseline → value vs goal with its verdict', () => {
    const measured = metric({
      baseline: 0.4,
      outcome: {
        at: new Date('2025-02-28T10:00:00Z'),
        verdict: 'not_met',
        value: 0.35,
        goal: 0.25,
        progress: null,
        reason: null,
      },
    });
    const md = renderReportMarkdown(report({}, [action({ metrics: [measured] })]), NOW);
    expect(md).toContain('    - Outcome: **not met** — 0.4 → 0.35 vs goal 0.25 (checked 2025-02-28 10:00 UTC)\n');
    // A check older than reasons has none to show: no empty line for one.
    expect(md).not.toContain('Reason:');
  });

  it("shows the latest check's reason under its outcome, as written", () => {
    const reason = 'p99 0.35 over 27–28 Feb (288 samples) vs goal ≤ 0.25 (20% below the baseline 0.40): not met.';
    const measured = metric({
      baseline: 0.4,
      outcome: {
        at: new Date('2025-02-28T10:00:00Z'),
        verdict: 'not_met',
        value: 0.35,
        goal: 0.25,
        progress: 0,
        reason,
      },
    });
    const md = renderReportMarkdown(report({}, [action({ metrics: [measured, metric({ name: 'unscored' })] })]), NOW);
    expect(md).toContain(
      `    - Outcome: **not met** — 0.4 → 0.35 vs goal 0.25 · progress 0 % (checked 2025-02-28 10:00 UTC)\n    - Reason: ${reason}`,
    );
    expect(md.match(/Reason:/g)).toHaveLength(1);
  });

  it('escapes a reason so Markdown in it cannot change the layout', () => {
    const reason = '*avg* <b>0.35</b> [x](javascript:1) # `code` | _under_\n- not a list\n# not a heading';
    const measured = metric({
      outcome: {
        at: new Date('2025-02-28T10:00:00Z'),
        verdict: 'error',
        value: null,
        goal: null,
        progress: null,
        reason,
      },
    });
    const md = renderReportMarkdown(report({}, [action({ metrics: [measured] })]), NOW);
    const line = md.split('\n').find((l) => l.startsWith('    - Reason: '))!;
    expect(line).toBe(
      '    - Reason: \\*avg\\* \\<b\\>0.35\\</b\\> \\[x\\](javascript:1) \\# \\`code\\` \\| \\_under\\_ - not a list \\# not a heading',
    );
    // One line: the reason's line breaks cannot start a list item or a heading of their own.
    expect(md).not.toMatch(/^- not a list|^# not a heading/m);
    // A Markdown reader sees the reason's text, its line breaks as spaces.
    expect(line.slice('    - Reason: '.length).replace(/\\(.)/g, '$1')).toBe(reason.replace(/\n/g, ' '));
  });

  it('says when an action has no success metric, and how it was verified by hand', () => {
    const manual = action({
      metrics: [],
      status: 'verified',
      verification: 'manual',
      verificationNote: 'runbook reviewed in game day',
      dueAt: null,
    });
    const none = action({ title: 'Write the runbook', metrics: [] });
    const md = renderReportMarkdown(report({}, [manual, none]), NOW);
    expect(md.match(/- \*\*Success metric:\*\* none — this action has no success metric/g)).toHaveLength(2);
    expect(md).toContain('- **Verified:** manually — runbook reviewed in game day');
    expect(md.match(/\*\*Verified:\*\*/g)).toHaveLength(1);
  });

  it('never prints an assignee, even when the data carries one', () => {
    const withAssignee = { ...action({ title: 'Fix retries' }), assignee: 'Jane Doe' } as ReportAction;
    const md = renderReportMarkdown(report({}, [withAssignee]), NOW);
    expect(md).toContain('Fix retries');
    expect(md).not.toContain('Jane Doe');
    expect(md.toLowerCase()).not.toContain('assignee');
  });

  it('escapes Markdown in titles, team names and metric names so they cannot break the layout', () => {
    const md = renderReportMarkdown(
      report({ title: '*Boom* [link](javascript:x) <b>#1</b> | pipe\n# injected' }, [
        action({
          title: '1. _not_ a list',
          ownerTeam: 'team `x` **bold**',
          metrics: [metric({ name: '[metric](x)' })],
        }),
      ]),
      NOW,
    );
    expect(md.split('\n')[0]).toBe('# \\*Boom\\* \\[link\\](javascript:x) \\<b\\>\\#1\\</b\\> \\| pipe \\# injected');
    expect(md).not.toMatch(/^# injected/m);
    expect(md).toContain('### 1. 1. \\_not\\_ a list');
    expect(md).toContain('- **Owner team:** team \\`x\\` \\*\\*bold\\*\\*');
    expect(md).toContain('  - **\\[metric\\](x)**');
  });

  it('puts a query holding backticks in a code span that still closes', () => {
    const md = renderReportMarkdown(report({}, [action({ metrics: [metric({ query: 'up{job=`x`}' })] })]), NOW);
    expect(md).toContain('    - Query: ``up{job=`x`}``');
  });
  it('shows progress beside baseline → value vs goal', () => {
    const improving = metric({
      baseline: 0.4,
      outcome: {
        at: new Date('2025-02-28T10:00:00Z'),
        verdict: 'improving',
        value: 0.35,
        goal: 0.25,
        progress: 1 / 3,
        reason: null,
      },
    });
    const met = metric({
      name: 'met one',
      baseline: 0.4,
      outcome: {
        at: new Date('2025-02-28T11:00:00Z'),
        verdict: 'met',
        value: 0.2,
        goal: 0.25,
        progress: 1,
        reason: null,
      },
    });
    const md = renderReportMarkdown(report({}, [action({ metrics: [improving, met] })]), NOW);
    expect(md).toContain(
      '    - Outcome: **improving** — 0.4 → 0.35 vs goal 0.25 · progress 33 % (checked 2025-02-28 10:00 UTC)',
    );
    expect(md).toContain(
      '    - Outcome: **met** — 0.4 → 0.2 vs goal 0.25 · progress 100 % (checked 2025-02-28 11:00 UTC)',
    );
  });

  it('lists each active flag with why and since when, and says when there is none', () => {
    const flagged = action({
      title: 'Flagged',
      flags: [
        { kind: 'overdue', reason: 'due 2025-02-01, 28 days ago', raisedAt: new Date('2025-02-01T06:00:00Z') },
        {
          kind: 'no_telemetry',
          reason: 'the last 3 checks of *latency* had no data\n- not a list',
          raisedAt: new Date('2025-02-10T00:00:00Z'),
        },
      ],
    });
    const md = renderReportMarkdown(report({}, [flagged, action({ title: 'Clean' })]), NOW);
    expect(md).toContain(
      [
        '- **Flags:**',
        '  - **overdue** since 2025-02-01 06:00 UTC — due 2025-02-01, 28 days ago',
        '  - **no telemetry** since 2025-02-10 00:00 UTC — the last 3 checks of \\*latency\\* had no data\\',
        '    \\- not a list',
      ].join('\n'),
    );
    expect(md.match(/- \*\*Flags:\*\* none/g)).toHaveLength(1);
  });

  it('orders flags by when they were raised, then by kind', () => {
    const at = new Date('2025-02-20T00:00:00Z');
    const flags = [
      { kind: 'stalled' as const, reason: 's', raisedAt: at },
      { kind: 'source_error' as const, reason: 'e', raisedAt: new Date('2025-02-10T00:00:00Z') },
      { kind: 'overdue' as const, reason: 'o', raisedAt: at },
    ];
    const md = renderReportMarkdown(report({}, [action({ flags, metrics: [] })]), NOW);
    const kinds = md
      .split('\n')
      .filter((line) => line.startsWith('  - **'))
      .map((line) => line.slice(6, line.indexOf('**', 6)));
    expect(kinds).toEqual(['source error', 'overdue', 'stalled']);
  });

  it('says when the fix shipped and when and how the action was verified', () => {
    const byTelemetry = action({
      title: 'Telemetry',
      status: 'verified',
      verification: 'telemetry',
      implementedAt: new Date('2025-02-01T00:00:00Z'),
      closedAt: new Date('2025-02-04T00:00:00Z'),
    });
    const byHand = action({
      title: 'By hand',
      status: 'verified',
      verification: 'manual',
      verificationNote: 'checked',
      metrics: [],
      implementedAt: new Date('2025-02-02T00:00:00Z'),
      closedAt: new Date('2025-02-05T12:30:00Z'),
    });
    const md = renderReportMarkdown(report({}, [byTelemetry, byHand]), NOW);
    expect(md).toContain(
      '- **Implemented:** 2025-02-01 00:00 UTC\n- **Verified:** by telemetry on 2025-02-04 00:00 UTC — every success metric met its goal and held',
    );
    expect(md).toContain(
      '- **Implemented:** 2025-02-02 00:00 UTC\n- **Verified:** manually on 2025-02-05 12:30 UTC — checked',
    );
    expect(md.match(/\*\*Implemented:\*\*/g)).toHaveLength(2);
  });

  it('opens the actions section with the outcome overview', () => {
    const actions = [
      action({ title: 'T', status: 'verified', verification: 'telemetry', closedAt: NOW }),
      action({ title: 'M', status: 'verified', verification: 'manual', closedAt: NOW, metrics: [] }),
      action({
        title: 'O',
        status: 'open',
        dueAt: new Date('2025-02-01T00:00:00Z'),
        flags: [{ kind: 'stalled', reason: 'r', raisedAt: NOW }],
      }),
      action({ title: 'W', status: 'wont_fix', dueAt: new Date('2025-02-01T00:00:00Z') }),
    ];
    const actionsSection = section(renderReportMarkdown(report({}, actions), NOW), 'Corrective actions');
    expect(
      actionsSection.startsWith(
        "\n## Corrective actions\n\n**Outcome:** 2 of 4 actions verified (1 by telemetry, 1 manually) · 1 overdue · 1 stalled · 1 won't fix\n\n### 1. T\n",
      ),
    ).toBe(true);
  });
});
