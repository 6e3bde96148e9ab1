import { describe, expect, it } from '@jest/globals';
import type { CurrentAction, CurrentMetric, CurrentPostmortem, CurrentState } from './current-state';
import { describePlan, describeStep } from './plan';
import { planApply } from './planner';
import { validateDefinitions } from './parse';
import type { Definitions } from './schema';

function file(body: Partial<Definitions>): Definitions {
  return validateDefinitions({ apiVersion: 'remediation/v1', kind: 'Definitions', ...body });
}

const EMPTY: CurrentState = { postmortems: [], actions: [] };

const metricDefinition = {
  id: 'errors',
  name: 'checkout errors',
  datasource: 'prom',
  query: 'sum(rate(errors[5m]))',
  direction: 'decrease' as const,
  target: { absolute: 1 },
  evaluationWindow: '1w',
};

const desired = file({
  postmortems: [
    {
      id: 'outage',
      kind: 'incident',
      title: 'Checkout outage',
      severity: 'SEV2',
      occurredAt: '2026-11-02T15:05:00+01:00',
      services: ['checkout', 'checkout'],
      timeline: [
        { at: '2026-11-02T14:30:00Z', text: 'resolved' },
        { at: '2026-11-02T14:05:00Z', text: 'paged' },
      ],
      actions: [
        { id: 'pool', title: 'Pool limit', ownerTeam: 'payments', priority: 'P1', metrics: [metricDefinition] },
      ],
    },
  ],
  actions: [{ id: 'alone', title: 'Alone', ownerTeam: 'sre' }],
});

/** What the API answers after creating `desired`: its own spelling and the defaults it fills. */
function stateAsApplied(): CurrentState {
  const pm: CurrentPostmortem = {
    id: 'uuid-pm',
    sourceId: 'outage',
    kind: 'incident',
    title: 'Checkout outage',
    severity: 'SEV2',
    occurredAt: '2026-11-02T14:05:00.000Z',
    resolvedAt: null,
    services: ['checkout'],
    summary: '',
    timeline: [
      { at: '2026-11-02T14:05:00.000Z', text: 'paged' },
      { at: '2026-11-02T14:30:00.000Z', text: 'resolved' },
    ],
    contributingFactors: [],
  };
  const metric: CurrentMetric = {
    id: 'uuid-m',
    sourceId: 'errors',
    name: 'checkout errors',
    datasource: 'prom',
    query: 'sum(rate(errors[5m]))',
    selector: null,
    direction: 'decrease',
    target: { absolute: 1, relativePercent: null },
    aggregation: 'avg',
    evaluationWindow: '7d',
    baselineWindow: '14d',
  };
  const action = (id: string, sourceId: string, title: string, extra: Partial<CurrentAction>): CurrentAction => ({
    id,
    sourceId,
    postmortemId: null,
    title,
    description: '',
    ownerTeam: 'payments',
    assignee: null,
    priority: 'P2',
    services: [],
    externalRef: null,
    openedAt: '2026-12-01T12:00:00.000Z',
    dueAt: '2027-03-01T12:00:00.000Z',
    status: 'open',
    metrics: [],
    ...extra,
  });
  return {
    postmortems: [pm],
    actions: [
      action('uuid-pool', 'pool', 'Pool limit', { postmortemId: 'uuid-pm', priority: 'P1', metrics: [metric] }),
      action('uuid-alone', 'alone', 'Alone', { ownerTeam: 'sre' }),
    ],
  };
}

describe('planApply', () => {
  it('creates everything in dependency order, each with its stable id and YAML path', () => {
    const plan = planApply(desired, EMPTY, { prune: false });
    expect(plan.steps.map(describeStep)).toEqual([
      '+ create postmortem outage',
      '+ create action pool',
      '+ create action alone',
      '+ create metric pool/errors',
    ]);
    const [pm, pool, alone, metric] = plan.steps;
    expect(pm.body).toMatchObject({ sourceId: 'outage', kind: 'incident', severity: 'SEV2' });
    expect(pm.body).not.toHaveProperty('actions');
    expect(pm.body).not.toHaveProperty('id');
    expect(pool).toMatchObject({ path: 'postmortems[0].actions[0]', postmortem: 'outage' });
    expect(pool.body).not.toHaveProperty('metrics');
    expect(alone).toMatchObject({ path: 'actions[0]', postmortem: null });
    expect(metric).toMatchObject({ path: 'postmortems[0].actions[0].metrics[0]', action: 'pool' });
    expect(metric.body).toMatchObject({ sourceId: 'errors', evaluationWindow: '1w' });
  });

  it('is a no-op against what the API answers: zones, repeats, timeline order, durations, nulls and defaults', () => {
    expect(planApply(desired, stateAsApplied(), { prune: false }).steps).toEqual([]);
    expect(planApply(desired, stateAsApplied(), { prune: true }).steps).toEqual([]);
  });

  it('compares a selector blind to key order (jsonb reorders keys)', () => {
    const selector = { metric: 'http.errors', attributes: { route: '/pay', code: '500' }, statistic: 'rate' };
    const withSelector = structuredClone(desired);
    const metric = withSelector.postmortems![0].actions![0].metrics![0];
    delete metric.query;
    metric.selector = selector;
    const state = stateAsApplied();
    Object.assign(state.actions[0].metrics[0], {
      query: null,
      selector: {
        statistic: 'rate',
        attributes: { code: '500', route: '/pay' },
        metric: 'http.errors',
        denominator: null,
      },
    });
    expect(planApply(withSelector, state, { prune: false }).steps).toEqual([]);
    metric.selector = { ...selector, attributes: { route: '/pay', code: '503' } };
    expect(planApply(withSelector, state, { prune: false }).steps.map(describeStep)).toEqual([
      '~ update metric pool/errors (selector)',
    ]);
  });

  it('updates only the fields that changed, with from and to', () => {
    const changed = structuredClone(desired);
    changed.postmortems![0].actions![0].priority = 'P0';
    changed.postmortems![0].actions![0].dueAt = '2026-12-24T00:00:00Z';
    changed.postmortems![0].actions![0].metrics![0].target = { relativePercent: 20 };
    const plan = planApply(changed, stateAsApplied(), { prune: false });
    expect(plan.steps.map(describeStep)).toEqual([
      '~ update action pool (priority, dueAt)',
      '~ update metric pool/errors (target)',
    ]);
    expect(plan.steps[0]).toMatchObject({
      uuid: 'uuid-pool',
      body: { priority: 'P0', dueAt: '2026-12-24T00:00:00Z' },
      changes: {
        priority: { from: 'P1', to: 'P0' },
        dueAt: { from: '2027-03-01T12:00:00.000Z', to: '2026-12-24T00:00:00Z' },
      },
    });
    expect(plan.steps[1]).toMatchObject({
      uuid: 'uuid-m',
      actionUuid: 'uuid-pool',
      body: { target: { relativePercent: 20 } },
    });
  });

  it('compares only the fields the file gives: what it leaves out stays as the API has it', () => {
    const state = stateAsApplied();
    state.actions[0].assignee = 'kim';
    state.postmortems[0].summary = 'written in the dashboard';
    expect(planApply(desired, state, { prune: false }).steps).toEqual([]);
  });

  it('sets an explicit null where the API has a value', () => {
    const changed = structuredClone(desired);
    changed.postmortems![0].actions![0].dueAt = null;
    const plan = planApply(changed, stateAsApplied(), { prune: false });
    expect(plan.steps).toEqual([
      expect.objectContaining({ op: 'update', changes: { dueAt: { from: '2027-03-01T12:00:00.000Z', to: null } } }),
    ]);
  });

  it('moves an action between post-mortems by stable id, even to one created in the same plan', () => {
    const changed = structuredClone(desired);
    const pool = changed.postmortems![0].actions!.pop()!;
    changed.postmortems!.push({ id: 'second', kind: 'success', title: 'Second', actions: [pool] });
    const plan = planApply(changed, stateAsApplied(), { prune: false });
    expect(plan.steps.map(describeStep)).toEqual(['+ create postmortem second', '~ update action pool (postmortem)']);
    expect(plan.steps[1]).toMatchObject({
      postmortem: 'second',
      changes: { postmortem: { from: 'outage', to: 'second' } },
      body: {},
    });
  });

  it('moves an action off its post-mortem when the file lists it on its own', () => {
    const changed = structuredClone(desired);
    const pool = changed.postmortems![0].actions!.pop()!;
    changed.actions!.push(pool);
    const plan = planApply(changed, stateAsApplied(), { prune: false });
    expect(plan.steps).toEqual([
      expect.objectContaining({ kind: 'action', key: 'pool', changes: { postmortem: { from: 'outage', to: null } } }),
    ]);
  });

  it('leaves a top-level action linked to a post-mortem made by hand', () => {
    const state = stateAsApplied();
    state.postmortems.push({ id: 'uuid-hand', sourceId: null, kind: 'success', title: 'By hand' });
    state.actions[1].postmortemId = 'uuid-hand';
    expect(planApply(desired, state, { prune: false }).steps).toEqual([]);
  });

  it('adds a metric to an action that exists by its uuid', () => {
    const changed = structuredClone(desired);
    changed.postmortems![0].actions![0].metrics!.push({ ...metricDefinition, id: 'latency' });
    const plan = planApply(changed, stateAsApplied(), { prune: false });
    expect(plan.steps).toEqual([
      expect.objectContaining({ op: 'create', key: 'pool/latency', actionUuid: 'uuid-pool' }),
    ]);
  });

  it('never deletes without prune', () => {
    const plan = planApply(file({}), stateAsApplied(), { prune: false });
    expect(plan.steps).toEqual([]);
  });

  it('with prune deletes what has a stable id and is gone from the file: metrics, then actions, then post-mortems', () => {
    const state = stateAsApplied();
    state.actions[0].metrics.push({ id: 'uuid-hand-m', sourceId: null, name: 'made by hand' });
    state.actions.push({ id: 'uuid-hand-a', sourceId: null, postmortemId: null, metrics: [], title: 'by hand' });
    const fewer = structuredClone(desired);
    fewer.postmortems![0].actions![0].metrics = [];
    expect(planApply(fewer, state, { prune: true }).steps.map(describeStep)).toEqual(['- delete metric pool/errors']);
    expect(planApply(file({}), state, { prune: true }).steps.map(describeStep)).toEqual([
      '- delete action pool',
      '- delete action alone',
      '- delete postmortem outage',
    ]);
  });

  it('puts every create and update before any delete', () => {
    const changed = file({
      postmortems: [{ id: 'new', kind: 'success', title: 'New', actions: [desired.postmortems![0].actions![0]] }],
    });
    const ops = planApply(changed, stateAsApplied(), { prune: true }).steps.map(describeStep);
    expect(ops).toEqual([
      '+ create postmortem new',
      '~ update action pool (postmortem)',
      '- delete action alone',
      '- delete postmortem outage',
    ]);
  });
});

describe('describePlan', () => {
  it('says when there is nothing to do', () => {
    expect(describePlan({ steps: [] })).toBe('No changes: the service matches the file.');
  });

  it('lists the steps and counts them', () => {
    const text = describePlan(planApply(desired, EMPTY, { prune: false }));
    expect(text.split('\n').at(-1)).toBe('Plan: 4 to create, 0 to update, 0 to delete.');
  });
});
