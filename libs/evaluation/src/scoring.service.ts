import { Inject, Injectable, Logger } from '@nestjs/common';
import { DatasourceRegistry, FetchDedup } from '@app/datasources';
import { parseDuration } from '@app/domain';
import {
  ActionRepository,
  EvaluationSlotRepository,
  PostmortemRepository,
  ScoringLeaseRepository,
  type SuccessMetricEntity,
} from '@app/persistence';
import { ScoringMetrics, traced } from '@app/observability';
import { slotOf, type Verdict } from '@app/scoring';
import { CheckEvaluator } from './check-evaluator';
import { mapWithConcurrency } from './map-with-concurrency';
import { defaultBaselineEnd, toMetricSpec } from './metric-spec';
import { OutcomeWriter } from './outcome-writer';
import { PassLanes } from './pass-lanes';
import { scoredQuery, type ScoredQuery } from './selector-query';
import { addSummaries, EMPTY_SUMMARY, type PassSummary, type ScoredCheck } from './scored-check';
import type { ScoringSettings } from './scoring-settings';
import { SCORER_ID, SCORING_SETTINGS } from './scoring-settings.token';

export interface PassRequest {
  /** The check time T. */
  at: Date;
  /** Only these actions' metrics; null/undefined: all. */
  actionIds?: string[] | null;
  /**
   * true (the scheduler): only metrics whose next check is due at T. false (a requested run, a
   * replay): every metric; a slot already scored is skipped all the same.
   */
  dueOnly: boolean;
  /**
   * true for a replayed slot (a backfill): only its successful checks are written, and the
   * action-level outcome is left to the replay, which decides it once over all its slots.
   */
  replay?: boolean;
}

/** A bound on the claim loop, so a pass always ends (50 × 1,000 metrics per pass by default). */
const MAX_BATCHES_PER_PASS = 1_000;
/** Actions without a scorable metric refreshed per pass (their flags: overdue, stalled). */
const MAX_IDLE_ACTIONS_PER_PASS = 10_000;
/** The scheduler refreshes those at most this often: their flags move in days, not seconds. */
const IDLE_REFRESH_EVERY_MS = 3_600_000;
const VERDICTS: readonly Verdict[] = ['met', 'improving', 'not_met', 'pending', 'no_data', 'error'];

/** What a claimed batch is scored with, read once for the whole batch rather than per action and metric. */
interface BatchContext {
  /** The batch's actions still there: when each shipped and where its baselines end by default. */
  actions: Map<string, { implementedAt: Date | null; baselineEnd: Date }>;
  /** Metrics whose slot at T already holds a check that stands: nothing to fetch for them. */
  taken: Set<string>;
}

/**
 * One scoring pass at time T: claim → fetch → score → write. Claims come in batches with row
 * leases, so several scorers share the work without scoring a slot twice; the metrics of each
 * action are scored together and written in one transaction, since the outcome is per action.
 * Checks run in a pool per datasource and the database work in its own (PassLanes), so a
 * datasource that hangs or crawls delays its own metrics, not the others'.
 */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger('Scoring');
  private lastIdleRefresh = 0;

  constructor(
    @Inject(SCORING_SETTINGS) private readonly settings: ScoringSettings,
    @Inject(SCORER_ID) private readonly owner: string,
    private readonly registry: DatasourceRegistry,
    private readonly leases: ScoringLeaseRepository,
    private readonly actions: ActionRepository,
    private readonly postmortems: PostmortemRepository,
    private readonly evaluations: EvaluationSlotRepository,
    private readonly evaluator: CheckEvaluator,
    private readonly writer: OutcomeWriter,
    private readonly metrics: ScoringMetrics,
  ) {
    metrics.declareDatasources(registry.names(), VERDICTS);
    metrics.watchCircuits(() =>
      registry.circuits().map(({ datasource, circuit }) => ({ datasource, state: circuit.state })),
    );
  }

  /** A pass, timed on /metrics and traced as the parent span of its evaluations. */
  async runPass(request: PassRequest): Promise<PassSummary> {
    const attributes = {
      'scoring.at': request.at.toISOString(),
      'scoring.due_only': request.dueOnly,
      'scoring.action_count': request.actionIds?.length ?? 0,
      'scoring.scorer_id': this.owner,
    };
    const started = performance.now();
    return traced('scoring.pass', attributes, async (span) => {
      let outcome: 'ok' | 'failed' = 'failed';
      try {
        const summary = await this.pass(request);
        span.setAttributes({
          'scoring.scored': summary.scored,
          'scoring.skipped': summary.skipped,
          'scoring.errors': summary.errors,
        });
        outcome = 'ok';
        return summary;
      } finally {
        this.metrics.recordPass((performance.now() - started) / 1000, outcome);
      }
    });
  }

  private async pass(request: PassRequest): Promise<PassSummary> {
    const started = Date.now();
    // Identical fetches within a pass (a shared query, a frozen baseline range) are made once.
    const dedup = new FetchDedup();
    const lanes = new PassLanes(this.settings.concurrency);
    const seen: string[] = [];
    let summary = EMPTY_SUMMARY;
    // One batch is scored while the next is claimed and started: the datasource lanes stay busy
    // through a batch's slowest actions instead of idling until it ends. Two batches at most are
    // in flight, so what a pass holds stays bounded.
    let previous: Promise<PassSummary> | null = null;
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const claimed = await this.leases.claim({
        owner: this.owner,
        leaseMs: this.settings.leaseMs,
        at: request.at,
        dueOnly: request.dueOnly,
        datasources: this.registry.names(),
        actionIds: request.actionIds?.length ? request.actionIds : null,
        exclude: seen,
        limit: this.settings.batchSize,
      });
      if (claimed.length === 0) break;
      seen.push(...claimed.map((m) => m.id));
      // Every action of the batch at once: the lanes bound what runs, each kind of work in its own pool.
      // scoreAction never rejects (a fault of ours is counted as errors), so nothing is left unhandled.
      const scoring = lanes.database
        .run(() => this.loadBatch(claimed, request.at))
        .then(
          (context) =>
            Promise.all(
              groupByAction(claimed).map((metrics) => this.scoreAction(metrics, request, context, dedup, lanes)),
            ),
          (err: unknown) => Promise.all(groupByAction(claimed).map((metrics) => this.giveBack(metrics, request, err))),
        )
        .then((results) => results.reduce(addSummaries, EMPTY_SUMMARY));
      if (previous) summary = addSummaries(summary, await previous);
      previous = scoring;
      if (claimed.length < this.settings.batchSize) break;
    }
    if (previous) summary = addSummaries(summary, await previous);
    if (!request.replay) summary = addSummaries(summary, await this.refreshIdleActions(request));
    const line =
      `pass at ${request.at.toISOString()}: ${summary.scored} scored, ${summary.skipped} skipped, ${summary.errors} errors ` +
      `(${dedup.size} fetches, ${Date.now() - started} ms)`;
    // A tick that found nothing due is the common case: keep it out of the info log.
    if (summary.scored + summary.skipped + summary.errors === 0) this.logger.debug(line);
    else this.logger.log(line);
    return summary;
  }

  /**
   * One action's outcome at `at` from the checks it already has, no new check: a change made by a
   * person (a due date, a status, a date moved) shows in its flags at once instead of at the next
   * periodic refresh. It opens its own transaction, so call it after the change has committed,
   * never inside another transaction (the embedded database has one connection).
   */
  async refreshAction(actionId: string, at: Date): Promise<void> {
    await this.writer.write({
      actionId,
      at,
      checks: [],
      leaseOwner: this.owner,
      thresholds: this.settings.thresholds,
    });
  }

  /**
   * Actions no claim reaches (no metric, or only metrics nothing evaluates yet) still get their
   * action-level outcome at T: overdue, and stalled on statusChangedAt alone. A requested run
   * always does this; the scheduler at most hourly.
   */
  private async refreshIdleActions(request: PassRequest): Promise<PassSummary> {
    if (request.dueOnly) {
      if (Date.now() - this.lastIdleRefresh < IDLE_REFRESH_EVERY_MS) return EMPTY_SUMMARY;
      this.lastIdleRefresh = Date.now();
    }
    const ids = await this.leases.actionsWithoutScorableMetrics({
      datasources: this.registry.names(),
      actionIds: request.actionIds?.length ? request.actionIds : null,
      limit: MAX_IDLE_ACTIONS_PER_PASS,
    });
    const results = await mapWithConcurrency(ids, this.settings.concurrency, async (actionId) => {
      try {
        return await this.writer.write({
          actionId,
          at: request.at,
          checks: [],
          leaseOwner: this.owner,
          thresholds: this.settings.thresholds,
        });
      } catch (err) {
        this.logger.error(
          `refreshing action ${actionId} at ${request.at.toISOString()} failed: ${(err as Error).stack ?? err}`,
        );
        return { ...EMPTY_SUMMARY, errors: 1 };
      }
    });
    return results.reduce(addSummaries, EMPTY_SUMMARY);
  }

  /** The batch's actions, their post-mortems and its slots already scored: three reads for the batch. */
  private async loadBatch(claimed: SuccessMetricEntity[], at: Date): Promise<BatchContext> {
    const actions = await this.actions.findByIds([...new Set(claimed.map((m) => m.actionId))]);
    const postmortemIds = [...new Set(actions.flatMap((a) => (a.postmortemId ? [a.postmortemId] : [])))];
    const occurredAt = new Map((await this.postmortems.findByIds(postmortemIds)).map((p) => [p.id, p.occurredAt]));
    const taken = await this.evaluations.takenSlots(claimed.map((m) => ({ metricId: m.id, slot: slotAt(m, at) })));
    const contexts = actions.map((action) => {
      const postmortemOccurredAt = action.postmortemId ? (occurredAt.get(action.postmortemId) ?? null) : null;
      const context = {
        implementedAt: action.implementedAt,
        baselineEnd: defaultBaselineEnd(action, postmortemOccurredAt),
      };
      return [action.id, context] as const;
    });
    return { actions: new Map(contexts), taken };
  }

  /**
   * Not a datasource failure (those are `error` checks) but ours: leave the slots unscored and give
   * the leases back, so the next pass tries again.
   */
  private async giveBack(metrics: SuccessMetricEntity[], request: PassRequest, err: unknown): Promise<PassSummary> {
    const { at } = request;
    const actionId = metrics[0].actionId;
    this.logger.error(`scoring action ${actionId} at ${at.toISOString()} failed: ${(err as Error).stack ?? err}`);
    await Promise.all(metrics.map((m) => this.leases.release(m.id, this.owner, null).catch(() => undefined)));
    return { ...EMPTY_SUMMARY, errors: metrics.length };
  }

  /**
   * One action's claimed metrics: evaluate each (in its datasource's lane), then write them and the
   * action's outcome together (in the database lane). No lane is held while waiting for another.
   */
  private async scoreAction(
    metrics: SuccessMetricEntity[],
    request: PassRequest,
    batch: BatchContext,
    dedup: FetchDedup,
    lanes: PassLanes,
  ): Promise<PassSummary> {
    const { at } = request;
    const actionId = metrics[0].actionId;
    try {
      const context = batch.actions.get(actionId);
      // Deleted since the claim: its metrics and their leases went with it.
      if (!context) return { ...EMPTY_SUMMARY, skipped: metrics.length };
      const checks = await Promise.all(
        metrics.map((metric) =>
          lanes
            .datasource(metric.datasource)
            .run(() => this.scoreMetric(metric, at, context.implementedAt, context.baselineEnd, batch.taken, dedup)),
        ),
      );
      return await lanes.database.run(() => {
        if (request.replay) return this.writer.record({ actionId, at, checks, leaseOwner: this.owner });
        return this.writer.write({
          actionId,
          at,
          checks,
          leaseOwner: this.owner,
          thresholds: this.settings.thresholds,
        });
      });
    } catch (err) {
      return this.giveBack(metrics, request, err);
    }
  }

  private async scoreMetric(
    metric: SuccessMetricEntity,
    at: Date,
    implementedAt: Date | null,
    baselineEnd: Date,
    taken: Set<string>,
    dedup: FetchDedup,
  ): Promise<ScoredCheck> {
    const spec = toMetricSpec(metric, baselineEnd);
    const slot = slotAt(metric, at);
    const nextCheckAt = new Date(slot.getTime() + spec.checkEveryMs);
    // Already scored (by this scorer earlier or by another): no fetch; the insert would skip it anyway.
    if (taken.has(metric.id)) return { metric, slot, nextCheckAt, result: null, implementedAt, durationMs: 0 };
    const attributes = {
      'remediation.metric_id': metric.id,
      'remediation.action_id': metric.actionId,
      'remediation.datasource': metric.datasource,
      'scoring.slot': slot.toISOString(),
      'scoring.at': at.toISOString(),
    };
    return traced('scoring.evaluation', attributes, async (span) => {
      const measured = this.measuredBy(metric, dedup);
      const { result, durationMs } = await this.evaluator.evaluate({
        at: at.getTime(),
        spec,
        query: measured.query,
        source: measured.source,
        implementedAt: implementedAt?.getTime() ?? null,
        frozenBaseline: metric.baseline ?? metric.baselineValue,
        frozenModel: metric.baselineModel,
        preFixMeasuredFor: metric.preFixFor?.getTime() ?? null,
        previousMetSince: metric.metSince?.getTime() ?? null,
        thresholds: this.settings.thresholds,
      });
      span.setAttribute('scoring.verdict', result.verdict);
      if (result.value !== null) span.setAttribute('scoring.value', result.value);
      // Why a check is error/no_data/pending; an `error` check is a result, not a failure of ours.
      if (result.error) span.setAttribute('scoring.reason', result.error);
      this.metrics.recordEvaluation(metric.datasource, result.verdict, durationMs / 1000);
      return { metric, slot, nextCheckAt, result, implementedAt, durationMs };
    });
  }

  /** The query a metric is fetched with: its PromQL, or its selector translated for a Prometheus datasource. */
  private measuredBy(metric: SuccessMetricEntity, dedup: FetchDedup): ScoredQuery {
    const source = this.registry.get(metric.datasource);
    const measured = scoredQuery(metric, dedup.wrap(source), source);
    if (!measured)
      throw new Error(`metric ${metric.id}: datasource "${metric.datasource}" cannot evaluate its selector`);
    return measured;
  }
}

/** The metric's check slot at `at`: T truncated to its checkEvery. */
function slotAt(metric: SuccessMetricEntity, at: Date): Date {
  return new Date(slotOf(at.getTime(), parseDuration(metric.checkEvery)));
}

function groupByAction(metrics: SuccessMetricEntity[]): SuccessMetricEntity[][] {
  const groups = new Map<string, SuccessMetricEntity[]>();
  for (const metric of metrics) groups.set(metric.actionId, [...(groups.get(metric.actionId) ?? []), metric]);
  return [...groups.values()];
}
