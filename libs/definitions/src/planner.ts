import type { CurrentAction, CurrentMetric, CurrentPostmortem, CurrentState } from './current-state';
import { sameValue } from './field-equality';
import type { FieldChange, Plan, PlanStep } from './plan';
import type { ActionDefinition, Definitions, MetricDefinition, PostmortemDefinition } from './schema';

export interface PlanOptions {
  /** Delete what carries a stable id the file no longer has; without it nothing is ever deleted. */
  prune: boolean;
}

/** An action of the file with where it sits: its YAML path and its post-mortem's id (null: none). */
interface PlacedAction {
  definition: ActionDefinition;
  path: string;
  postmortem: string | null;
}

/** The fields a definition sends to the API: everything but its id and the items nested in it. */
function fieldsOf(definition: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(definition)) {
    if (field !== 'id' && field !== 'actions' && field !== 'metrics' && value !== undefined) fields[field] = value;
  }
  return fields;
}

/** The fields the file gives that differ from the API's answer; fields the file leaves out are the API's. */
function diff(desired: Record<string, unknown>, current: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(desired)) {
    if (!sameValue(field, to, current[field])) changes[field] = { from: current[field] ?? null, to };
  }
  return changes;
}

function bySourceId<T extends { sourceId: string | null }>(items: readonly T[]): Map<string, T> {
  return new Map(items.filter((item) => item.sourceId !== null).map((item) => [item.sourceId!, item]));
}

function placedActions(desired: Definitions): PlacedAction[] {
  const placed: PlacedAction[] = [];
  desired.postmortems?.forEach((pm, i) =>
    pm.actions?.forEach((definition, j) =>
      placed.push({ definition, path: `postmortems[${i}].actions[${j}]`, postmortem: pm.id }),
    ),
  );
  desired.actions?.forEach((definition, i) => placed.push({ definition, path: `actions[${i}]`, postmortem: null }));
  return placed;
}

function postmortemSteps(
  desired: readonly PostmortemDefinition[],
  current: Map<string, CurrentPostmortem>,
): PlanStep[] {
  return desired.flatMap((definition, i): PlanStep[] => {
    const path = `postmortems[${i}]`;
    const fields = fieldsOf(definition);
    const existing = current.get(definition.id);
    if (!existing) {
      return [
        { op: 'create', kind: 'postmortem', key: definition.id, path, body: { ...fields, sourceId: definition.id } },
      ];
    }
    const changes = diff(fields, existing);
    if (Object.keys(changes).length === 0) return [];
    return [
      { op: 'update', kind: 'postmortem', key: definition.id, path, uuid: existing.id, changes, body: bodyOf(changes) },
    ];
  });
}

function bodyOf(changes: Record<string, FieldChange>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to]));
}

function actionStep(
  action: PlacedAction,
  existing: CurrentAction | undefined,
  sourceIdOf: Map<string, string | null>,
): PlanStep[] {
  const { definition, path, postmortem } = action;
  const fields = fieldsOf(definition);
  if (!existing) {
    return [
      {
        op: 'create',
        kind: 'action',
        key: definition.id,
        path,
        postmortem,
        body: { ...fields, sourceId: definition.id },
      },
    ];
  }
  const changes = diff(fields, existing);
  const body = bodyOf(changes);
  // The link is compared by stable id: the post-mortem may not exist yet when the plan is made.
  const linkedId = existing.postmortemId === null ? null : (sourceIdOf.get(existing.postmortemId) ?? null);
  const linked = linkedId ?? existing.postmortemId;
  // A top-level action keeps a link to a post-mortem made by hand: the file manages only the links it can name.
  const keepsHandMadeLink = postmortem === null && existing.postmortemId !== null && linkedId === null;
  if (linked !== postmortem && !keepsHandMadeLink) changes.postmortem = { from: linked, to: postmortem };
  if (Object.keys(changes).length === 0) return [];
  return [{ op: 'update', kind: 'action', key: definition.id, path, uuid: existing.id, postmortem, changes, body }];
}

function metricSteps(action: PlacedAction, existing: CurrentAction | undefined, prune: boolean): PlanStep[] {
  const metrics = action.definition.metrics ?? [];
  const current = bySourceId<CurrentMetric>(existing?.metrics ?? []);
  const keyOf = (metricId: string): string => `${action.definition.id}/${metricId}`;
  const steps = metrics.flatMap((definition: MetricDefinition, k): PlanStep[] => {
    const path = `${action.path}.metrics[${k}]`;
    const fields = fieldsOf(definition);
    const found = current.get(definition.id);
    const parent = existing ? { actionUuid: existing.id } : { action: action.definition.id };
    if (!found) {
      return [
        {
          op: 'create',
          kind: 'metric',
          key: keyOf(definition.id),
          path,
          ...parent,
          body: { ...fields, sourceId: definition.id },
        },
      ];
    }
    const changes = diff(fields, found);
    if (Object.keys(changes).length === 0) return [];
    return [
      {
        op: 'update',
        kind: 'metric',
        key: keyOf(definition.id),
        path,
        ...parent,
        uuid: found.id,
        changes,
        body: bodyOf(changes),
      },
    ];
  });
  if (!prune || !existing) return steps;
  const kept = new Set(metrics.map((m) => m.id));
  const gone = existing.metrics.filter((m) => m.sourceId !== null && !kept.has(m.sourceId));
  return [
    ...steps,
    ...gone.map((m): PlanStep => ({
      op: 'delete',
      kind: 'metric',
      key: keyOf(m.sourceId!),
      path: null,
      actionUuid: existing.id,
      uuid: m.id,
    })),
  ];
}

/**
 * The steps that bring the service to what the file says, in dependency order: post-mortems, then
 * actions (which link to them), then metrics (which hang off actions); deletes come last, metrics
 * before actions before post-mortems, so an action moved off a post-mortem leaves it first. Only
 * resources with a stable id are ever deleted, and only with `prune`.
 */
export function planApply(desired: Definitions, current: CurrentState, options: PlanOptions): Plan {
  const postmortems = bySourceId(current.postmortems);
  const actions = bySourceId(current.actions);
  const sourceIdOf = new Map(current.postmortems.map((pm) => [pm.id, pm.sourceId]));
  const placed = placedActions(desired);

  const writes = [
    ...postmortemSteps(desired.postmortems ?? [], postmortems),
    ...placed.flatMap((action) => actionStep(action, actions.get(action.definition.id), sourceIdOf)),
  ];
  const metricWrites = placed.flatMap((action) =>
    metricSteps(action, actions.get(action.definition.id), options.prune),
  );
  const steps = [
    ...writes,
    ...metricWrites.filter((s) => s.op !== 'delete'),
    ...metricWrites.filter((s) => s.op === 'delete'),
  ];
  if (options.prune) {
    const actionIds = new Set(placed.map((a) => a.definition.id));
    const postmortemIds = new Set((desired.postmortems ?? []).map((pm) => pm.id));
    for (const action of current.actions) {
      if (action.sourceId !== null && !actionIds.has(action.sourceId)) {
        steps.push({ op: 'delete', kind: 'action', key: action.sourceId, path: null, uuid: action.id });
      }
    }
    for (const pm of current.postmortems) {
      if (pm.sourceId !== null && !postmortemIds.has(pm.sourceId)) {
        steps.push({ op: 'delete', kind: 'postmortem', key: pm.sourceId, path: null, uuid: pm.id });
      }
    }
  }
  return { steps };
}
