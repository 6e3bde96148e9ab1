/*
 * What the API answers, reduced to what the planner reads: each resource's uuid, the stable id it
 * was applied with (`sourceId`, null for one made by hand) and its fields as the API shows them.
 */

export interface CurrentMetric {
  id: string;
  sourceId: string | null;
  [field: string]: unknown;
}

export interface CurrentAction {
  id: string;
  sourceId: string | null;
  postmortemId: string | null;
  metrics: CurrentMetric[];
  [field: string]: unknown;
}

export interface CurrentPostmortem {
  id: string;
  sourceId: string | null;
  [field: string]: unknown;
}

export interface CurrentState {
  postmortems: CurrentPostmortem[];
  actions: CurrentAction[];
}
