import type { CurrentState, Plan, PlanStep } from '@app/definitions';
import type { ApiClient } from '../http/api-client';
import { ApiRequestError } from '../http/errors';

/**
 * The answers that refuse the step's content (invalid, a missing link, a conflict, too large). A
 * bad key, a rate limit or a database outage is no fault of the file: those go to the CLI's usual
 * handling and exit codes.
 */
const REFUSALS = new Set([400, 404, 409, 413]);

/** The API refused a step: apply stops there, and says where in the file the refused item is. */
export class StepRefused extends Error {
  constructor(
    readonly step: PlanStep,
    override readonly cause: ApiRequestError,
  ) {
    super(`${step.path ?? `${step.kind} ${step.key}`}: ${cause.message}`);
    this.name = 'StepRefused';
  }
}

/** The uuids of what has a stable id, kept up to date as steps create post-mortems and actions. */
class Uuids {
  private readonly postmortems: Map<string, string>;
  private readonly actions: Map<string, string>;

  constructor(state: CurrentState) {
    const known = (items: ReadonlyArray<{ id: string; sourceId: string | null }>): Map<string, string> =>
      new Map(items.filter((i) => i.sourceId !== null).map((i) => [i.sourceId!, i.id]));
    this.postmortems = known(state.postmortems);
    this.actions = known(state.actions);
  }

  postmortem(key: string | null | undefined): string | null {
    return key ? (this.postmortems.get(key) ?? null) : null;
  }

  action(step: PlanStep): string {
    return step.actionUuid ?? this.actions.get(step.action!)!;
  }

  created(step: PlanStep, id: string): void {
    if (step.kind === 'postmortem') this.postmortems.set(step.key, id);
    if (step.kind === 'action') this.actions.set(step.key, id);
  }
}

function request(api: ApiClient, step: PlanStep, uuids: Uuids): Promise<{ id: string } | void> {
  const body = { ...step.body };
  switch (step.kind) {
    case 'postmortem': {
      const path = '/api/v1/postmortems';
      if (step.op === 'create') return api.post(path, body);
      if (step.op === 'update') return api.patch(`${path}/${step.uuid}`, body);
      return api.delete(`${path}/${step.uuid}`);
    }
    case 'action': {
      const path = '/api/v1/actions';
      if (step.op !== 'delete' && (step.op === 'create' ? step.postmortem : step.changes?.postmortem)) {
        body.postmortemId = uuids.postmortem(step.postmortem);
      }
      if (step.op === 'create') return api.post(path, body);
      if (step.op === 'update') return api.patch(`${path}/${step.uuid}`, body);
      return api.delete(`${path}/${step.uuid}`);
    }
    case 'metric': {
      const path = `/api/v1/actions/${uuids.action(step)}/metrics`;
      if (step.op === 'create') return api.post(path, body);
      if (step.op === 'update') return api.patch(`${path}/${step.uuid}`, body);
      return api.delete(`${path}/${step.uuid}`);
    }
  }
}

/**
 * Runs the plan's steps in order and stops at the first the API refuses (StepRefused): what came
 * before it stays applied, and applying the file again picks up from there.
 */
export async function applyPlan(
  api: ApiClient,
  plan: Plan,
  state: CurrentState,
  onStep?: (step: PlanStep) => void,
): Promise<void> {
  const uuids = new Uuids(state);
  for (const step of plan.steps) {
    try {
      const answer = await request(api, step, uuids);
      if (step.op === 'create' && answer) uuids.created(step, answer.id);
    } catch (error) {
      if (error instanceof ApiRequestError && REFUSALS.has(error.status)) throw new StepRefused(step, error);
      throw error;
    }
    onStep?.(step);
  }
}
