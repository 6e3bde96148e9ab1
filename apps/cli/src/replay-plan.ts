/** What one backfill request may replay (docs/scoring.md, "Backfill and scoring runs"). */
export const MAX_CHECK_TIMES_PER_REQUEST = 5_000;
export const MAX_CHECKS_PER_REQUEST = 10_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };

/** A duration (`30m`, `1h`, `14d`: docs/api.md, "Date-times and durations") in ms; undefined if it is none. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
  return ms && ms > 0 ? ms : undefined;
}

export interface ReplayRequest {
  from: string;
  to: string;
  /** Check times in [from, to]. */
  times: number;
}

/**
 * A replay of [fromMs, toMs] every `everyMs` as consecutive backfill requests, oldest first, so a
 * progress bar can move between them: the check times are the multiples of `every` in the range
 * (as the API counts slots), about `steps` requests, none over the API's per-request limits for an
 * action with `metrics` success metrics. Each request starts and ends on a check time, so none is
 * replayed twice or left out.
 */
export function planReplay(
  fromMs: number,
  toMs: number,
  everyMs: number,
  metrics: number,
  steps = 20,
): ReplayRequest[] {
  const firstSlot = Math.ceil(fromMs / everyMs);
  const lastSlot = Math.floor(toMs / everyMs);
  const total = lastSlot - firstSlot + 1;
  if (total <= 0) return [];
  const perRequestLimit = Math.min(
    MAX_CHECK_TIMES_PER_REQUEST,
    Math.floor(MAX_CHECKS_PER_REQUEST / Math.max(1, metrics)),
  );
  const perRequest = Math.max(1, Math.min(perRequestLimit, Math.ceil(total / steps)));
  const requests: ReplayRequest[] = [];
  for (let slot = firstSlot; slot <= lastSlot; slot += perRequest) {
    const end = Math.min(lastSlot, slot + perRequest - 1);
    requests.push({
      from: new Date(slot * everyMs).toISOString(),
      to: new Date(end * everyMs).toISOString(),
      times: end - slot + 1,
    });
  }
  return requests;
}
