import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  checkAsOf,
  checkSuccessMetric,
  draftFromInput,
  invalidInput,
  isDuration,
  MIN_CHECK_EVERY_MS,
  parseDuration,
} from '@app/domain';
import { ActionRepository, PostmortemRepository } from '@app/persistence';
import { BackfillService, defaultBaselineEnd, PreviewService, ScoringService } from '@app/evaluation';
import { parseInstant } from '../http/validation/instant';
import { definitionLimits } from '../success-metrics/definition-limits';
import type { BackfillDto } from './dto/backfill.dto';
import type { BackfillSummaryDto, PassSummaryDto } from './dto/pass-summary.dto';
import type { PreviewMetricDto } from './dto/preview-metric.dto';
import type { PreviewResultDto } from './dto/preview-result.dto';
import type { RunScoringDto } from './dto/run-scoring.dto';

/** Scoring on request: a pass now (or as of a past time), a replay over history, a preview. */
@Injectable()
export class ScoringRunsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scoring: ScoringService,
    private readonly backfills: BackfillService,
    private readonly previews: PreviewService,
    private readonly actions: ActionRepository,
    private readonly postmortems: PostmortemRepository,
  ) {}

  async run(input: RunScoringDto): Promise<PassSummaryDto> {
    const now = new Date();
    const at = input.at === undefined ? now : parseInstant(input.at);
    checkAsOf('at', at, now);
    // A pass records its `error` checks: nothing fails without a trace, so there is no `failed` to report.
    const { scored, skipped, errors } = await this.scoring.runPass({
      at,
      actionIds: input.actionIds ?? null,
      dueOnly: false,
    });
    return { scored, skipped, errors };
  }

  async backfill(actionId: string, input: BackfillDto): Promise<BackfillSummaryDto> {
    if (!isDuration(input.every)) throw invalidInput(`every: not a duration "${input.every}" (expected e.g. 1h, 1d)`);
    const everyMs = parseDuration(input.every);
    if (everyMs < MIN_CHECK_EVERY_MS) throw invalidInput(`every: at least 1m, got "${input.every}"`);
    const summary = await this.backfills.backfill(actionId, {
      from: parseInstant(input.from),
      to: parseInstant(input.to),
      everyMs,
    });
    const { firstError } = summary;
    return {
      ...summary,
      firstError: firstError && {
        at: firstError.at.toISOString(),
        metricId: firstError.metricId,
        error: firstError.error,
      },
    };
  }

  async preview(input: PreviewMetricDto, signal?: AbortSignal): Promise<PreviewResultDto> {
    const { implementedAt, at, actionId, postmortemId, ...metric } = input;
    const definition = checkSuccessMetric(
      draftFromInput(metric),
      this.config.datasources,
      definitionLimits(this.config),
    );
    const context = await this.previewContext(actionId, postmortemId);
    return this.previews.preview({
      definition,
      implementedAt: implementedAt === undefined ? context.implementedAt : parseInstant(implementedAt),
      at: at === undefined ? new Date() : parseInstant(at),
      defaultBaselineEnd: context.baselineEnd,
      signal,
    });
  }

  /** What a saved metric of this action (or post-mortem) would take from it: the baseline's default end and the fix time. */
  private async previewContext(
    actionId: string | null | undefined,
    postmortemId: string | null | undefined,
  ): Promise<{ baselineEnd: Date | null; implementedAt: Date | null }> {
    // null is "no action", as an absent actionId (and as postmortemId: null below); never a lookup by null.
    const action = actionId == null ? null : await this.actions.findById(actionId);
    if (actionId != null && !action) throw invalidInput(`actionId: action ${actionId} not found`);
    if (action && postmortemId != null && action.postmortemId !== postmortemId) {
      throw invalidInput(
        `postmortemId: action ${action.id} belongs to ${action.postmortemId ? `post-mortem ${action.postmortemId}` : 'no post-mortem'}`,
      );
    }
    const linked = action ? action.postmortemId : (postmortemId ?? null);
    const postmortem = linked === null ? null : await this.postmortems.findById(linked);
    if (linked !== null && !postmortem) throw invalidInput(`postmortemId: post-mortem ${linked} not found`);
    const occurredAt = postmortem?.occurredAt ?? null;
    return {
      baselineEnd: action ? defaultBaselineEnd(action, occurredAt) : occurredAt,
      implementedAt: action?.implementedAt ?? null,
    };
  }
}
