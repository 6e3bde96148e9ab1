import { expectStatus, type HttpClient } from './http-client';
import { DAY, iso } from './scenario-clock';

/**
 * The success metric most scoring scenarios attach (add a datasource and a query or selector):
 * latency down by a quarter, judged on a day of data, sustained for 2 days, given 3 days to prove
 * itself, checked hourly.
 */
export const SUSTAINED_LATENCY_METRIC = {
  name: 'checkout latency',
  direction: 'decrease',
  target: { relativePercent: 25 },
  baselineWindow: '7d',
  evaluationWindow: '1d',
  sustainFor: '2d',
  verifyWithin: '3d',
  checkEvery: '1h',
};

/** Creates an incident post-mortem through the API; its id. */
export async function createIncident(
  editor: HttpClient,
  title: string,
  occurredAt: number,
  severity = 'SEV2',
): Promise<string> {
  const res = await editor.post('/api/v1/postmortems', {
    kind: 'incident',
    title,
    severity,
    occurredAt: iso(occurredAt),
  });
  expectStatus(res, 201);
  return res.body.id;
}

/** Takes an open action to implemented at `implementedAt`, through in_progress as its workflow wants. */
export async function implementAction(editor: HttpClient, actionId: string, implementedAt: number): Promise<void> {
  expectStatus(await editor.patch(`/api/v1/actions/${actionId}`, { status: 'in_progress' }), 200);
  expectStatus(
    await editor.patch(`/api/v1/actions/${actionId}`, { status: 'implemented', implementedAt: iso(implementedAt) }),
    200,
  );
}

/**
 * Replays an action's checks from a day after its fix shipped to four days after, every 6 h: with
 * SUSTAINED_LATENCY_METRIC on a series that fell at `shippedAt`, the goal holds for `sustainFor` and
 * the replay verifies the action by telemetry.
 */
export async function replayAfterFix(editor: HttpClient, actionId: string, shippedAt: number): Promise<void> {
  expectStatus(
    await editor.post(`/api/v1/actions/${actionId}/backfill`, {
      from: iso(shippedAt + DAY),
      to: iso(shippedAt + 4 * DAY),
      every: '6h',
    }),
    200,
  );
}
