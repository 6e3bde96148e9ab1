import { apiGet, apiGetAll } from './api-client.js';

const WEEK_MS = 7 * 86_400_000;
export const DEFAULT_WEEKS = 12;

/** Query parameters the burndown and the summary share (the same filter means the same actions). */
function filterParams(filters) {
  return { team: filters.team, priority: filters.priority.join(',') };
}

export function loadBurndown(filters) {
  const weeks = filters.weeks === DEFAULT_WEEKS ? undefined : filters.weeks;
  return apiGet('/api/v1/burndown', {
    ...filterParams(filters),
    interval: filters.interval,
    tz: filters.tz,
    from: weeks ? new Date(Date.now() - weeks * WEEK_MS).toISOString() : undefined,
  });
}

export function loadSummary(filters) {
  return apiGet('/api/v1/reports/summary', filterParams(filters));
}

let knownTeams = null;
/** Every team with actions, for the filter (the filtered summary only names the chosen one). */
export async function loadTeams() {
  if (!knownTeams) knownTeams = (await apiGet('/api/v1/reports/summary')).byTeam.map((row) => row.team);
  return knownTeams;
}

/**
 * The active flags with their actions: the flags list says what and since when, the actions
 * filtered by flag kind (and by team and priority, on the server) give titles. A flag whose action
 * is outside the priority filter drops out.
 */
export async function loadFlagged(filters) {
  const flags = await apiGetAll('/api/v1/flags', { active: true, team: filters.team });
  const kinds = [...new Set(flags.map((f) => f.kind))];
  const lists = await Promise.all(
    kinds.map((kind) => apiGetAll('/api/v1/actions', { ...filterParams(filters), flag: kind })),
  );
  const actions = new Map(lists.flat().map((a) => [a.id, a]));
  const byAction = new Map();
  for (const flag of flags) {
    const action = actions.get(flag.actionId);
    if (!action) continue;
    if (!byAction.has(action.id)) byAction.set(action.id, { action, flags: [] });
    byAction.get(action.id).flags.push(flag);
  }
  const rank = { P0: 0, P1: 1, P2: 2, P3: 3 };
  return [...byAction.values()].sort(
    (a, b) =>
      rank[a.action.priority] - rank[b.action.priority] ||
      a.action.ownerTeam.localeCompare(b.action.ownerTeam) ||
      a.action.title.localeCompare(b.action.title),
  );
}
