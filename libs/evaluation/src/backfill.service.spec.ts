import { describe, expect, it } from '@jest/globals';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { ActionRepository, SuccessMetricRepository } from '@app/persistence';
import { BackfillService, MAX_BACKFILL_CHECKS } from './backfill.service';
import type { OutcomeWriter } from './outcome-writer';
import type { ReplayNotifier, ReplayStart } from './replay-notifier';
import { EMPTY_SUMMARY } from './scored-check';
import type { ScoringSettings } from './scoring-settings';
import type { PassRequest, ScoringService } from './scoring.service';

const HOUR = 3_600_000;
const now = new Date('2025-03-01T00:00:00Z');

function service(exists = true, failAt: string | null = null, failedFetchAt: string | null = null, metricCount = 1) {
  const passes: PassRequest[] = [];
  const notified: string[] = [];
  const actions = { exists: async () => exists } as unknown as ActionRepository;
  const scoring = {
    runPass: async (request: PassRequest) => {
      passes.push(request);
      if (request.at.toISOString() === failAt) throw new Error('database gone');
      if (request.at.toISOString() === failedFetchAt)
        return {
          ...EMPTY_SUMMARY,
          failed: 1,
          firstError: { at: request.at, metricId: 'm1', error: 'unreachable: down' },
        };
      return { ...EMPTY_SUMMARY, scored: 1 };
    },
  } as unknown as ScoringService;
  const writer = {
    recompute: async (actionId: string, from: Date, times: Date[]) => {
      notified.push(
        `recompute ${actionId} from ${from.toISOString()} at ${times.length} times (${passes.length} passes)`,
      );
    },
  } as unknown as OutcomeWriter;
  const start: ReplayStart = { actionId: 'a1', active: [] };
  const notifier = {
    before: async (actionId: string) => {
      notified.push(`before ${actionId} (${passes.length} passes)`);
      return start;
    },
    after: async (given: ReplayStart) => {
      notified.push(`after ${given === start ? 'the same start' : 'another start'} (${passes.length} passes)`);
    },
  } as unknown as ReplayNotifier;
  const settings = { thresholds: {} } as ScoringSettings;
  const metrics = { countByAction: async () => metricCount } as unknown as SuccessMetricRepository;
  return {
    backfills: new BackfillService(actions, metrics, scoring, writer, notifier, settings),
    passes,
    notified,
  };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('BackfillService', () => {
  it('replays every multiple of `every` in [from, to], oldest first, for that action only', async () => {
    const { backfills, passes } = service();
    const summary = await backfills.backfill(
      'a1',
      { from: new Date('2025-02-01T00:30:00Z'), to: new Date('2025-02-01T03:00:00Z'), everyMs: HOUR },
      now,
    );
    expect(passes.map((p) => p.at.toISOString())).toEqual([
      '2025-02-01T01:00:00.000Z',
      '2025-02-01T02:00:00.000Z',
      '2025-02-01T03:00:00.000Z',
    ]);
    expect(passes.every((p) => p.dueOnly === false && p.actionIds?.join() === 'a1')).toBe(true);
    expect(summary).toEqual({ slots: 3, scored: 3, skipped: 0, errors: 0, failed: 0, firstError: null });
  });

  it('writes the replayed checks only, decides the outcome once from the first slot, then reports the net effect once', async () => {
    const { backfills, passes, notified } = service();
    await backfills.backfill(
      'a1',
      { from: new Date('2025-02-01T01:00:00Z'), to: new Date('2025-02-01T03:00:00Z'), everyMs: HOUR },
      now,
    );
    expect(passes.map((p) => p.replay)).toEqual([true, true, true]);
    expect(notified).toEqual([
      'before a1 (0 passes)',
      'recompute a1 from 2025-02-01T01:00:00.000Z at 3 times (3 passes)',
      'after the same start (3 passes)',
    ]);
  });

  it('counts the slots whose fetch failed and names the first error', async () => {
    const { backfills, notified } = service(true, null, '2025-02-01T02:00:00.000Z');
    const summary = await backfills.backfill(
      'a1',
      { from: new Date('2025-02-01T01:00:00Z'), to: new Date('2025-02-01T03:00:00Z'), everyMs: HOUR },
      now,
    );
    expect(notified[1]).toBe('recompute a1 from 2025-02-01T01:00:00.000Z at 2 times (3 passes)');
    expect(summary).toEqual({
      slots: 3,
      scored: 2,
      skipped: 0,
      errors: 0,
      failed: 1,
      firstError: { at: new Date('2025-02-01T02:00:00.000Z'), metricId: 'm1', error: 'unreachable: down' },
    });
  });

  it('reports what a failed replay wrote before the failure, and still fails', async () => {
    const { backfills, notified } = service(true, '2025-02-01T02:00:00.000Z');
    const replay = backfills.backfill(
      'a1',
      { from: new Date('2025-02-01T01:00:00Z'), to: new Date('2025-02-01T03:00:00Z'), everyMs: HOUR },
      now,
    );
    await expect(replay).rejects.toThrow('database gone');
    expect(notified).toEqual([
      'before a1 (0 passes)',
      'recompute a1 from 2025-02-01T01:00:00.000Z at 1 times (2 passes)',
      'after the same start (2 passes)',
    ]);
  });

  it.each([
    ['5,000 checks', 'ok', 4_999 * 60_000],
    ['5,001 checks', 'refused', 5_000 * 60_000],
  ])('%s at 1m: %s', async (_, expected, span) => {
    const { backfills } = service();
    const request = { from: new Date(now.getTime() - span), to: now, everyMs: 60_000 };
    if (expected === 'ok') expect((await backfills.backfill('a1', request, now)).slots).toBe(5_000);
    else
      expect((await refusal(backfills.backfill('a1', request, now))).message).toMatch(
        /^every: .*5001 checks, more than 5000/,
      );
  });

  it.each([
    // 20 metrics (the default cap of an action): 500 check times make 10,000 checks.
    [20, 500, 'ok'],
    [20, 501, 'refused'],
    [2, 5_000, 'ok'],
    [3, 3_334, 'refused'],
  ])('%i metrics at %i check times: %s', async (metricCount, times, expected) => {
    const { backfills, passes } = service(true, null, null, metricCount);
    const request = { from: new Date(now.getTime() - (times - 1) * HOUR), to: now, everyMs: HOUR };
    if (expected === 'ok') {
      expect((await backfills.backfill('a1', request, now)).slots).toBe(times);
      return;
    }
    const error = await refusal(backfills.backfill('a1', request, now));
    expect(error.code).toBe(DomainErrorCode.InvalidInput);
    expect(error.message).toBe(
      `every: [from, to] at this interval is ${times} check times for ${metricCount} metrics, ${times * metricCount} checks, more than ${MAX_BACKFILL_CHECKS}; use a longer interval or a shorter range`,
    );
    expect(passes).toEqual([]);
  });

  it('refuses a reversed range, a future end and an unknown action', async () => {
    const { backfills, passes, notified } = service(false);
    const hourAgo = new Date(now.getTime() - HOUR);
    expect((await refusal(backfills.backfill('a1', { from: now, to: hourAgo, everyMs: HOUR }, now))).message).toMatch(
      /^from:/,
    );
    const future = new Date(now.getTime() + HOUR);
    expect(
      (await refusal(backfills.backfill('a1', { from: hourAgo, to: future, everyMs: HOUR }, now))).message,
    ).toMatch(/^to:/);
    expect((await refusal(backfills.backfill('a1', { from: hourAgo, to: now, everyMs: HOUR }, now))).code).toBe(
      DomainErrorCode.NotFound,
    );
    expect(passes).toEqual([]);
    expect(notified).toEqual([]);
  });
});
