/**
 * Creates the demo's post-mortems, actions and success metrics through the public API, moves the
 * actions through the workflow with their past dates, and replays the checks over the history the
 * receiver holds (docs/scoring.md, "Backfill and scoring runs").
 */
import { OTHER_ACTIONS, POSTMORTEMS, SCENARIOS } from './scenarios.mjs';

const DAY_MS = 86_400_000;
/** Checks replayed every 8 hours: weeks of history in a couple of hundred checks, quick to replay. */
const BACKFILL_EVERY = '8h';

export async function seed(api, nowMs) {
  const at = (daysAgo) => new Date(nowMs - daysAgo * DAY_MS).toISOString();
  const due = (inDays) => new Date(nowMs + inDays * DAY_MS).toISOString();

  const postmortemIds = {};
  for (const [key, pm] of Object.entries(POSTMORTEMS)) {
    const { occurredDaysAgo, resolvedAfterHours, ...fields } = pm;
    const created = await api.post('/api/v1/postmortems', {
      ...fields,
      occurredAt: at(occurredDaysAgo),
      ...(resolvedAfterHours ? { resolvedAt: at(occurredDaysAgo - resolvedAfterHours / 24) } : {}),
    });
    postmortemIds[key] = created.id;
  }

  for (const other of OTHER_ACTIONS) {
    const verified = other.verifiedDaysAgo !== undefined;
    await api.post('/api/v1/actions', {
      ...other.action,
      postmortemId: postmortemIds[other.postmortem],
      openedAt: at(other.openedDaysAgo),
      dueAt: due(other.dueInDays),
      ...(verified
        ? { status: 'verified', closedAt: at(other.verifiedDaysAgo), verificationNote: other.verificationNote }
        : {}),
    });
  }

  const actionIds = {};
  for (const scenario of SCENARIOS) {
    const action = await api.post('/api/v1/actions', {
      ...scenario.action,
      postmortemId: postmortemIds[scenario.postmortem],
      openedAt: at(scenario.openedDaysAgo),
      dueAt: due(scenario.dueInDays),
      // Tracked elsewhere until now: imported with the status it has had since it opened.
      ...(scenario.status ? { status: scenario.status } : {}),
    });
    actionIds[scenario.name] = action.id;
    await api.post(`/api/v1/actions/${action.id}/metrics`, { datasource: 'otlp', ...scenario.metric });
    if (scenario.implementedDaysAgo !== undefined) {
      await api.patch(`/api/v1/actions/${action.id}`, { status: 'in_progress' });
      await api.patch(`/api/v1/actions/${action.id}`, {
        status: 'implemented',
        implementedAt: at(scenario.implementedDaysAgo),
      });
    }
  }

  let checks = 0;
  for (const scenario of SCENARIOS) {
    const replay = await api.post(`/api/v1/actions/${actionIds[scenario.name]}/backfill`, {
      from: at(scenario.openedDaysAgo),
      to: new Date(nowMs).toISOString(),
      every: BACKFILL_EVERY,
    });
    if (replay.failed > 0) throw new Error(`replaying "${scenario.name}" failed: ${JSON.stringify(replay.firstError)}`);
    checks += replay.scored;
  }
  return { postmortemIds, actionIds, checks };
}

/** Each scenario's action as the API now shows it: status, verification and active flags. */
export async function outcomes(api, actionIds) {
  const rows = [];
  for (const scenario of SCENARIOS) {
    const action = await api.get(`/api/v1/actions/${actionIds[scenario.name]}`);
    rows.push({
      scenario: scenario.name,
      status: action.status,
      verification: action.verification,
      flags: action.flags.map((flag) => flag.kind).sort(),
    });
  }
  return rows;
}
