import { Inject, Injectable } from '@nestjs/common';
import { invalidInput, notFound } from '@app/domain';
import { ActionRepository, SuccessMetricRepository } from '@app/persistence';
import { slotsBetween } from '@app/scoring';
import { OutcomeWriter } from './outcome-writer';
import { addSummaries, EMPTY_SUMMARY, type PassSummary } from './scored-check';
import { ReplayNotifier } from './replay-notifier';
import type { ScoringSettings } from './scoring-settings';
import { SCORING_SETTINGS } from './scoring-settings.token';
import { ScoringService } from './scoring.service';

/** A replay is one request; more check times than this belong in several. */
export const MAX_BACKFILL_SLOTS = 5_000;
/**
 * Checks of one replay, every metric of the action at every check time: each is about one
 * datasource query (a frozen baseline is not fetched again), so an action with 20 metrics replays
 * 500 check times per request, not 100,000 queries (docs/operation.md, "Query cost limits").
 */
export const MAX_BACKFILL_CHECKS = 10_000;

export interface BackfillRequest {
  from: Date;
  to: Date;
  everyMs: number;
}

export interface BackfillSummary extends PassSummary {
  /** The check times replayed, oldest first. */
  slots: number;
}

/**
 * Replays an action's checks over history, oldest first, so a metric attached late shows its
 * whole trend at once. Each replayed slot is a pass at its own time that writes its successful
 * checks (a failed fetch writes nothing: the answer counts it and names the first error); then
 * the action's outcome is decided once from the first slot on, from every check in time order
 * (live ones included), with the same rules and effects as live checks at their own times.
 * Notifications report the replay's net effect once it is over, not each replayed change.
 */
@Injectable()
export class BackfillService {
  constructor(
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly scoring: ScoringService,
    private readonly writer: OutcomeWriter,
    private readonly notifier: ReplayNotifier,
    @Inject(SCORING_SETTINGS) private readonly settings: ScoringSettings,
  ) {}

  async backfill(actionId: string, request: BackfillRequest, now = new Date()): Promise<BackfillSummary> {
    if (request.from.getTime() > request.to.getTime()) throw invalidInput('from: must not be after to');
    if (request.to.getTime() > now.getTime())
      throw invalidInput('to: must not be in the future (a replay scores history)');
    const count =
      Math.floor(request.to.getTime() / request.everyMs) - Math.ceil(request.from.getTime() / request.everyMs) + 1;
    if (count > MAX_BACKFILL_SLOTS) {
      throw invalidInput(
        `every: [from, to] at this interval is ${count} checks, more than ${MAX_BACKFILL_SLOTS}; use a longer interval or a shorter range`,
      );
    }
    if (!(await this.actions.exists(actionId))) throw notFound('action', actionId);
    const metricCount = await this.metrics.countByAction(actionId);
    if (count * metricCount > MAX_BACKFILL_CHECKS) {
      throw invalidInput(
        `every: [from, to] at this interval is ${count} check times for ${metricCount} metrics, ${count * metricCount} checks, more than ${MAX_BACKFILL_CHECKS}; use a longer interval or a shorter range`,
      );
    }
    const start = await this.notifier.before(actionId);
    let summary = EMPTY_SUMMARY;
    const slots = slotsBetween(request.from.getTime(), request.to.getTime(), request.everyMs);
    // The outcome is decided at every check time anyway; also at the slots where no fetch failed
    // (an action without metrics has its dates only), never at a failed one: an outage today
    // says nothing about then.
    const decideAt: Date[] = [];
    try {
      for (const slot of slots) {
        const pass = await this.scoring.runPass({
          at: new Date(slot),
          actionIds: [actionId],
          dueOnly: false,
          replay: true,
        });
        if (pass.failed === 0) decideAt.push(new Date(slot));
        summary = addSummaries(summary, pass);
      }
    } finally {
      // Whatever part of the replay was written takes effect and is reported, even when a later slot failed.
      if (slots.length > 0)
        await this.writer.recompute(actionId, new Date(slots[0]), decideAt, this.settings.thresholds);
      if (start) await this.notifier.after(start);
    }
    return { ...summary, slots: slots.length };
  }
}
