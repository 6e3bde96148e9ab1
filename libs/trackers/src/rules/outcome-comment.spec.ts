import { describe, expect, it } from '@jest/globals';
import { outcomeComment, REMEDIATION_OUTCOMES, type MeasuredMetric, type OutcomeFacts } from './outcome-comment';

const latency: MeasuredMetric = {
  name: 'p99 checkout latency',
  unit: 'ms',
  direction: 'decrease',
  baseline: 850,
  value: 240,
  goal: 300,
};
const facts = (over: Partial<OutcomeFacts> = {}): OutcomeFacts => ({
  action: { id: '6f1c2a9e-0000-4000-8000-000000000001', title: 'Cap the retry budget' },
  reason: 'met: 240 ≤ 300 for 7 days',
  metrics: [latency],
  publicUrl: 'https://remediation.acme.example/',
  ...over,
});

describe('outcomeComment', () => {
  it('states the outcome, each metric baseline → value vs goal with its unit, the reason and the link', () => {
    expect(outcomeComment('verified', facts()).markdown).toBe(
      [
        '**Remediation verified by telemetry** — Cap the retry budget',
        '',
        'Measured outcome:',
        '- **p99 checkout latency**: 850 ms → 240 ms vs goal ≤ 300 ms',
        '',
        'Why: met: 240 ≤ 300 for 7 days',
        '',
        '[Open the action in the remediation tracker](https://remediation.acme.example/#/actions/6f1c2a9e-0000-4000-8000-000000000001)',
      ].join('\n'),
    );
  });

  it.each(REMEDIATION_OUTCOMES.map((outcome) => [outcome]))(
    'labels the %s outcome remediation:<outcome>',
    (outcome) => {
      const comment = outcomeComment(outcome, facts());
      expect(comment.label).toBe(`remediation:${outcome}`);
      expect(comment.markdown.split('\n')[0]).toMatch(new RegExp(`^\\*\\*Remediation ${outcome}\\b`));
    },
  );

  it.each([
    ['ineffective', /the fix shipped but the telemetry did not move enough/],
    ['stalled', /no recent progress/],
    ['regressed', /slipped back after verification/],
  ] as const)('says in words what %s means', (outcome, words) => {
    expect(outcomeComment(outcome, facts()).markdown).toMatch(words);
  });

  it.each<[string, Partial<MeasuredMetric>, string]>([
    [
      'an increase goal',
      { direction: 'increase', baseline: 0.9, value: 0.97, goal: 0.99, unit: null },
      '0.9 → 0.97 vs goal ≥ 0.99',
    ],
    [
      'a unit as given',
      { unit: 'req/s', baseline: 10, value: 12, goal: 20, direction: 'increase' },
      '10 req/s → 12 req/s vs goal ≥ 20 req/s',
    ],
    ['no baseline yet', { baseline: null }, 'no baseline → 240 ms vs goal ≤ 300 ms'],
    ['no value yet', { value: null }, '850 ms → not measured yet vs goal ≤ 300 ms'],
    ['no goal', { goal: null }, '850 ms → 240 ms'],
    [
      'numbers close together, told apart',
      { baseline: 506.88, value: 506.9, goal: 506.88 },
      '506.88 ms → 506.9 ms vs goal ≤ 506.88 ms',
    ],
    ['long numbers, rounded', { baseline: 1234.5678, value: 250.123, goal: 300 }, '1230 ms → 250 ms vs goal ≤ 300 ms'],
  ])('writes a metric with %s', (_case, over, line) => {
    const { markdown } = outcomeComment('verified', facts({ metrics: [{ ...latency, ...over }] }));
    expect(markdown).toContain(`- **p99 checkout latency**: ${line}\n`);
  });

  it('writes one line per metric, in the order given', () => {
    const errors: MeasuredMetric = { ...latency, name: 'error ratio', unit: '%', baseline: 4, value: 0.5, goal: 1 };
    const lines = outcomeComment('stalled', facts({ metrics: [latency, errors] })).markdown.split('\n');
    expect(lines.filter((line) => line.startsWith('- '))).toEqual([
      '- **p99 checkout latency**: 850 ms → 240 ms vs goal ≤ 300 ms',
      '- **error ratio**: 4 % → 0.5 % vs goal ≤ 1 %',
    ]);
  });

  it('leaves out what it does not have: no metrics, no reason, no public URL', () => {
    const { markdown } = outcomeComment('stalled', facts({ metrics: [], reason: '  ', publicUrl: null }));
    expect(markdown).toBe('**Remediation stalled: no recent progress** — Cap the retry budget');
  });

  it('links without a doubled slash whatever the public URL ends with', () => {
    for (const publicUrl of ['https://r.example', 'https://r.example/', 'https://r.example//'])
      expect(outcomeComment('verified', facts({ publicUrl })).markdown).toContain('(https://r.example/#/actions/');
  });

  it('shows what people wrote as text: no formatting, links or mentions', () => {
    const { markdown } = outcomeComment(
      'regressed',
      facts({
        action: { id: 'a', title: '[click](https://evil.example) @oncall' },
        reason: 'not met\n# twice by @alice',
        metrics: [{ ...latency, name: '**p99**', unit: '<ms>' }],
        publicUrl: null,
      }),
    );
    expect(markdown).toContain('— \\[click\\](https://evil.example) @\u200boncall');
    expect(markdown).toContain('Why: not met \\# twice by @\u200balice');
    expect(markdown).toContain('- **\\*\\*p99\\*\\***: 850 \\<ms\\> → 240 \\<ms\\>');
    expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual([]);
  });
});
