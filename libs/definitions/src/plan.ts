/** What apply will do, in the order it does it (docs/definitions.md, "Apply"). */

export type ResourceKind = 'postmortem' | 'action' | 'metric';
export type StepOp = 'create' | 'update' | 'delete';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface PlanStep {
  op: StepOp;
  kind: ResourceKind;
  /** The stable id; a metric's is `<action id>/<metric id>`. */
  key: string;
  /** Where the item is in the file (null for a delete: it is no longer there). */
  path: string | null;
  /** The existing resource's uuid (update, delete). */
  uuid?: string;
  /** An action's post-mortem, by stable id (null: none); resolved to its uuid when applied. */
  postmortem?: string | null;
  /** A metric's action, by stable id (create), or by uuid for one that exists. */
  action?: string;
  actionUuid?: string;
  /** The fields to send: all of them for a create (with `sourceId`), the changed ones for an update. */
  body?: Record<string, unknown>;
  /** Update only: each changed field, from what the API has to what the file says. */
  changes?: Record<string, FieldChange>;
}

export interface Plan {
  steps: PlanStep[];
}

/** `+ create postmortem checkout-outage`, `~ update action add-pool-limit (dueAt, priority)`. */
export function describeStep(step: PlanStep): string {
  const sign = step.op === 'create' ? '+' : step.op === 'update' ? '~' : '-';
  const fields = step.changes ? ` (${Object.keys(step.changes).join(', ')})` : '';
  return `${sign} ${step.op} ${step.kind} ${step.key}${fields}`;
}

export function describePlan(plan: Plan): string {
  if (plan.steps.length === 0) return 'No changes: the service matches the file.';
  const counts = (op: StepOp): number => plan.steps.filter((s) => s.op === op).length;
  return [
    ...plan.steps.map(describeStep),
    `Plan: ${counts('create')} to create, ${counts('update')} to update, ${counts('delete')} to delete.`,
  ].join('\n');
}
