import { describe, expect, it } from '@jest/globals';
import type { CurrentState } from './current-state';
import { definitionsToYaml, exportDefinitions } from './export';
import { parseDefinitions } from './parse';
import { planApply } from './planner';

const state: CurrentState = {
  postmortems: [
    {
      id: 'uuid-pm',
      sourceId: 'outage',
      kind: 'incident',
      title: 'Outage',
      severity: 'SEV1',
      occurredAt: '2026-11-02T14:05:00.000Z',
      resolvedAt: null,
      services: [],
      summary: '',
      timeline: [],
      contributingFactors: [],
      createdAt: 'x',
    },
    { id: 'uuid-hand', sourceId: null, kind: 'success', title: 'By hand' },
  ],
  actions: [
    {
      id: 'uuid-a',
      sourceId: 'pool',
      postmortemId: 'uuid-pm',
      title: 'Pool',
      description: '',
      ownerTeam: 'payments',
      assignee: null,
      priority: 'P1',
      services: ['checkout'],
      externalRef: null,
      openedAt: '2026-12-01T12:00:00.000Z',
      dueAt: null,
      status: 'in_progress',
      flags: [],
      metrics: [
        {
          id: 'uuid-m',
          sourceId: 'errors',
          actionId: 'uuid-a',
          name: 'errors',
          datasource: 'prom',
          query: null,
          selector: { metric: 'http.errors', statistic: 'rate', attributes: { route: '/pay' } },
          direction: 'decrease',
          target: { absolute: 1, relativePercent: null },
          aggregation: 'avg',
          baselineWindow: '14d',
          baselineEnd: null,
          baseline: null,
          evaluationWindow: '7d',
          sustainFor: '7d',
          verifyWithin: '30d',
          checkEvery: '1h',
          step: null,
          confidence: null,
          seasonality: 'none',
          timeZone: 'UTC',
          baselineValue: 3,
          latest: null,
        },
        { id: 'uuid-m2', sourceId: null, name: 'by hand' },
      ],
    },
    { id: 'uuid-b', sourceId: 'linked-by-hand', postmortemId: 'uuid-hand', title: 'B', ownerTeam: 'sre', metrics: [] },
    { id: 'uuid-c', sourceId: null, postmortemId: null, title: 'C', ownerTeam: 'sre', metrics: [] },
  ],
};

describe('exportDefinitions', () => {
  it('writes what has a stable id, without read-only fields or nulls, and applies as a no-op', () => {
    const text = definitionsToYaml(exportDefinitions(state));
    const read = parseDefinitions(text);
    expect(read.postmortems?.map((pm) => pm.id)).toEqual(['outage']);
    expect(read.postmortems?.[0].actions?.map((a) => a.id)).toEqual(['pool']);
    expect(read.postmortems?.[0].actions?.[0].metrics?.map((m) => m.id)).toEqual(['errors']);
    expect(read.postmortems?.[0].actions?.[0].metrics?.[0]).not.toHaveProperty('query');
    expect(read.postmortems?.[0].actions?.[0].metrics?.[0].target).toEqual({ absolute: 1 });
    expect(read.postmortems?.[0].actions?.[0]).not.toHaveProperty('status');
    expect(read.actions?.map((a) => a.id)).toEqual(['linked-by-hand']);
    expect(planApply(read, state, { prune: true }).steps).toEqual([]);
  });

  it('keeps one post-mortem and its actions when asked', () => {
    const only = exportDefinitions(state, 'outage');
    expect(only.postmortems?.map((pm) => pm.id)).toEqual(['outage']);
    expect(only.actions).toBeUndefined();
  });

  it('writes an empty file header when nothing has a stable id', () => {
    const none = exportDefinitions({ postmortems: [], actions: [] });
    expect(none).toEqual({ apiVersion: 'remediation/v1', kind: 'Definitions' });
  });
});
