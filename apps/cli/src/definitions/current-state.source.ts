import type { CurrentAction, CurrentPostmortem, CurrentState } from '@app/definitions';
import type { ApiClient } from '../http/api-client';

/** Everything the planner compares a file with: every post-mortem and every action with its metrics. */
export async function fetchCurrentState(api: ApiClient): Promise<CurrentState> {
  const [postmortems, actions] = await Promise.all([
    api.getAll<CurrentPostmortem>('/api/v1/postmortems'),
    api.getAll<CurrentAction>('/api/v1/actions'),
  ]);
  return { postmortems, actions };
}
