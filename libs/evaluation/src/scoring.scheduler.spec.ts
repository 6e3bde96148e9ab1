import { describe, expect, it } from '@jest/globals';
import type { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '@app/config';
import type { ScoringSettings } from './scoring-settings';
import type { PassRequest, ScoringService } from './scoring.service';
import { ScoringScheduler } from './scoring.scheduler';
import type { PassSummary } from './scored-check';

/** Only what the scheduler uses; anything else it touched would be undefined and fail the test. */
function fakes(enabled: boolean) {
  const intervals = new Map<string, NodeJS.Timeout>();
  const registry = {
    addInterval: (name: string, id: NodeJS.Timeout) => intervals.set(name, id),
    doesExist: (_type: string, name: string) => intervals.has(name),
    deleteInterval: (name: string) => {
      clearInterval(intervals.get(name));
      intervals.delete(name);
    },
  } as unknown as SchedulerRegistry;
  const passes: PassRequest[] = [];
  let finish: (() => void) | null = null;
  const scoring = {
    runPass: (request: PassRequest) => {
      passes.push(request);
      return new Promise<PassSummary>(
        (resolve) => (finish = () => resolve({ scored: 0, skipped: 0, errors: 0, failed: 0, firstError: null })),
      );
    },
  } as unknown as ScoringService;
  const config = { scheduler: { enabled }, scoring: { tickEvery: '1h' } } as unknown as AppConfig;
  const settings = { tickEveryMs: 3_600_000 } as ScoringSettings;
  const scheduler = new ScoringScheduler(config, settings, registry, scoring);
  return { scheduler, intervals, passes, finish: () => finish?.() };
}

describe('ScoringScheduler', () => {
  it('does nothing when the scheduler is off', () => {
    const { scheduler, intervals, passes } = fakes(false);
    scheduler.onApplicationBootstrap();
    expect(intervals.size).toBe(0);
    expect(passes).toHaveLength(0);
  });

  it('registers its interval and runs a due-only pass at start', async () => {
    const { scheduler, intervals, passes, finish } = fakes(true);
    scheduler.onApplicationBootstrap();
    expect([...intervals.keys()]).toEqual(['scoring-tick']);
    expect(passes).toHaveLength(1);
    expect(passes[0].dueOnly).toBe(true);
    finish();
    await scheduler.onApplicationShutdown();
    expect(intervals.size).toBe(0);
  });

  it('never overlaps itself: a tick while a pass runs is dropped, the next one after it runs', async () => {
    const { scheduler, passes, finish } = fakes(true);
    scheduler.tick();
    scheduler.tick();
    scheduler.tick();
    expect(passes).toHaveLength(1);
    finish();
    await new Promise((r) => setImmediate(r));
    scheduler.tick();
    expect(passes).toHaveLength(2);
    finish();
    await scheduler.onApplicationShutdown();
  });

  it('survives a failed pass', async () => {
    const { scheduler } = fakes(true);
    const failing = { runPass: () => Promise.reject(new Error('database down')) } as unknown as ScoringService;
    Object.assign(scheduler, { scoring: failing, logger: { error: () => undefined, log: () => undefined } });
    scheduler.tick();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect((scheduler as unknown as { running: unknown }).running).toBeNull();
  });
});
