import { describe, expect, it } from '@jest/globals';
import { DefinitionsError, parseDefinitions, validateDefinitions, yamlPath } from './parse';

const HEADER = 'apiVersion: remediation/v1\nkind: Definitions\n';

function problemsOf(text: string): string[] {
  try {
    parseDefinitions(text);
  } catch (error) {
    if (error instanceof DefinitionsError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

const metric = {
  id: 'errors',
  name: 'checkout errors',
  datasource: 'prom',
  query: 'sum(rate(errors[5m]))',
  direction: 'decrease',
  target: { absolute: 1 },
};

function withMetric(changes: Record<string, unknown>): unknown {
  return {
    apiVersion: 'remediation/v1',
    kind: 'Definitions',
    postmortems: [
      {
        id: 'outage',
        kind: 'incident',
        title: 'Outage',
        actions: [
          { id: 'a', title: 'A', ownerTeam: 'payments' },
          { id: 'b', title: 'B', ownerTeam: 'payments', metrics: [{ ...metric, ...changes }] },
        ],
      },
    ],
  };
}

describe('yamlPath', () => {
  it('writes indexes in brackets and names after dots', () => {
    expect(yamlPath(['postmortems', 0, 'actions', 1, 'metrics', 0, 'target'])).toBe(
      'postmortems[0].actions[1].metrics[0].target',
    );
  });
});

describe('parseDefinitions', () => {
  it('reads a valid file with post-mortems, nested and standalone actions', () => {
    const definitions = parseDefinitions(
      `${HEADER}postmortems:\n  - id: outage\n    kind: incident\n    title: Outage\n    severity: SEV2\n    occurredAt: 2026-11-02T14:05:00Z\n    actions:\n      - id: pool\n        title: Pool limit\n        ownerTeam: payments\nactions:\n  - id: alone\n    title: Alone\n    ownerTeam: sre\n`,
    );
    expect(definitions.postmortems?.[0].actions?.[0].id).toBe('pool');
    expect(definitions.postmortems?.[0].occurredAt).toBe('2026-11-02T14:05:00Z');
    expect(definitions.actions?.[0].ownerTeam).toBe('sre');
  });

  it('names the YAML path of a bad metric target', () => {
    expect(() => validateDefinitions(withMetric({ target: { absolute: 'low' } }))).toThrow(
      /^postmortems\[0\]\.actions\[1\]\.metrics\[0\]\.target\.absolute: /,
    );
    expect(() => validateDefinitions(withMetric({ target: {} }))).toThrow(
      'postmortems[0].actions[1].metrics[0].target: needs absolute or relativePercent',
    );
  });

  it('requires exactly one of query and selector', () => {
    const { query: _query, ...noQuery } = metric;
    const file = withMetric({}) as { postmortems: Array<{ actions: Array<{ metrics?: unknown[] }> }> };
    file.postmortems[0].actions[1].metrics = [noQuery];
    expect(() => validateDefinitions(file)).toThrow(
      'postmortems[0].actions[1].metrics[0].query: exactly one of query and selector',
    );
    expect(() => validateDefinitions(withMetric({ selector: { metric: 'x', statistic: 'sum' } }))).toThrow(
      'exactly one of query and selector',
    );
  });

  it('refuses unknown fields by name and path', () => {
    expect(() => validateDefinitions(withMetric({ treshold: 3 }))).toThrow(
      'postmortems[0].actions[1].metrics[0].treshold: is not a known field',
    );
  });

  it('refuses another apiVersion or kind', () => {
    expect(problemsOf('apiVersion: remediation/v2\nkind: Definitions\n')[0]).toMatch(/^apiVersion: /);
    expect(problemsOf('apiVersion: remediation/v1\nkind: Other\n')[0]).toMatch(/^kind: /);
  });

  it('refuses a date without a zone, a bad duration and a bad id', () => {
    const problems = problemsOf(
      `${HEADER}postmortems:\n  - id: Outage\n    kind: incident\n    title: T\n    occurredAt: 2026-11-02\nactions:\n  - id: a\n    title: T\n    ownerTeam: t\n    metrics:\n      - id: m\n        name: n\n        datasource: p\n        query: up\n        direction: increase\n        target: {absolute: 1}\n        evaluationWindow: 7 days\n`,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^postmortems\[0\]\.id: must be 1\.\.100 lowercase/),
      expect.stringMatching(/^postmortems\[0\]\.occurredAt: must be a date-time with a zone/),
      expect.stringMatching(/^actions\[0\]\.metrics\[0\]\.evaluationWindow: must be a whole number and a unit/),
    ]);
  });

  it('refuses an id used twice for one kind, naming both places', () => {
    const problems = problemsOf(
      `${HEADER}postmortems:\n  - id: p\n    kind: success\n    title: T\n    actions:\n      - id: a\n        title: T\n        ownerTeam: t\nactions:\n  - id: a\n    title: U\n    ownerTeam: t\n`,
    );
    expect(problems).toEqual(['actions[0].id: action id "a" is already used at postmortems[0].actions[0]']);
  });

  it('allows one metric id under two actions, not twice under one', () => {
    const file = withMetric({}) as { postmortems: Array<{ actions: Array<{ metrics?: unknown[] }> }> };
    file.postmortems[0].actions[0].metrics = [metric];
    expect(() => validateDefinitions(file)).not.toThrow();
    file.postmortems[0].actions[1].metrics = [metric, metric];
    expect(() => validateDefinitions(file)).toThrow(
      'postmortems[0].actions[1].metrics[1].id: metric id "errors" is already used',
    );
  });

  it('reports YAML syntax errors and repeated keys with their line', () => {
    expect(problemsOf(`${HEADER}postmortems: [\n`)[0]).toMatch(/line \d+/);
    expect(problemsOf(`${HEADER}kind: Definitions\n`)[0]).toMatch(/unique/i);
  });

  it('refuses an empty document as a whole', () => {
    expect(problemsOf('')[0]).toMatch(/^\(file\): /);
  });
});
