import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CallAborted, DatasourceError, DatasourceRegistry } from '@app/datasources';
import {
  bindStepWindow,
  checkSuccessMetric,
  conflict,
  definitionOf,
  draftFromInput,
  invalidInput,
  isTerminal,
  measurementOf,
  MEASUREMENT_FIELDS,
  mergeDraft,
  MIN_STEP_WINDOW_MS,
  notFound,
  type SuccessMetricDefinition,
} from '@app/domain';
import type { DatasourceErrorKind } from '@app/scoring';
import {
  ActionEntity,
  ActionEventRepository,
  ActionRepository,
  EvaluationRepository,
  SuccessMetricRepository,
  type FieldChanges,
  type SuccessMetricEntity,
  TransactionRunner,
  type Tx,
} from '@app/persistence';
import { toMetricEvaluationDto } from '../evaluations/evaluation.mapper';
import { DEFAULT_PAGE_SIZE } from '../actions/action.constants';
import { ActionFlagsRefresher } from '../actions/action-flags.refresher';
import { diffFields } from '@app/domain';
import { decodeEventCursor, encodeEventCursor } from '../actions/page-cursor';
import type { PageQueryDto } from '../actions/dto/page-query.dto';
import { definitionLimits } from './definition-limits';
import { snapshotMetric, toSuccessMetricDto, translatedQuery } from './metric.mapper';
import type { CreateMetricDto } from './dto/create-metric.dto';
import type { SuccessMetricDto } from './dto/success-metric.dto';
import type { SuccessMetricPageDto } from './dto/success-metric-page.dto';
import type { UpdateMetricDto } from './dto/update-metric.dto';

/** The PromQL a definition is judged by on attach, and the field a refusal names. */
interface JudgedQuery {
  datasource: string;
  query: string | null;
  field: 'query' | 'selector';
}

/** The datasource's answers that refuse a query; any other failure leaves it to the checks. */
const REFUSED_KINDS: readonly DatasourceErrorKind[] = ['bad_query', 'too_many_series'];

/** How long attaching waits for the datasource to judge a query before accepting it unjudged. */
const QUERY_CHECK_PATIENCE_MS = 3_000;

/** What the scorer learns about a new metric from its checks: nothing yet. */
const NOTHING_MEASURED = { metSince: null, baselineModel: null, preFixValue: null, preFixFor: null } as const;

/**
 * The success metrics of an action. Writes hold the action's row lock, so a metric cannot be
 * added while a person verifies the action by hand, and each writes its audit event.
 */
@Injectable()
export class SuccessMetricsService {
  constructor(
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly events: ActionEventRepository,
    private readonly datasources: DatasourceRegistry,
    private readonly evaluations: EvaluationRepository,
    private readonly actionFlags: ActionFlagsRefresher,
  ) {}

  async page(actionId: string, query: PageQueryDto): Promise<SuccessMetricPageDto> {
    // A (createdAt, id) position, like the audit trail's cursor: oldest first.
    const after = query.cursor === undefined ? null : decodeEventCursor(query.cursor);
    if (!(await this.actions.exists(actionId))) throw notFound('action', actionId);
    const page = await this.metrics.pageByAction(actionId, after, query.limit ?? DEFAULT_PAGE_SIZE);
    return {
      items: await this.withLatest(page.items),
      nextCursor: page.next === null ? null : encodeEventCursor(page.next),
    };
  }

  async get(actionId: string, metricId: string): Promise<SuccessMetricDto> {
    const metric = await this.metrics.findOne(actionId, metricId);
    if (!metric) throw await this.missing(actionId, metricId);
    const [dto] = await this.withLatest([metric]);
    return dto;
  }

  /** `gone`: aborted when the client closes its connection; the query check then ends and nothing is written. */
  async add(
    actionId: string,
    input: CreateMetricDto,
    principal: Principal,
    gone?: AbortSignal,
  ): Promise<SuccessMetricDto> {
    const definition = checkSuccessMetric(
      draftFromInput(input),
      this.config.datasources,
      definitionLimits(this.config),
    );
    // A full action is refused before its query costs the datasource anything.
    await this.checkRoomFor(actionId);
    const judged = this.judgedAs(definition);
    if (judged.query !== null) await this.checkQueryAccepted(judged.datasource, judged.query, judged.field, gone);
    const added = await this.transactions.run(async (tx) => {
      const action = await this.lockAction(actionId, tx);
      if (isTerminal(action.status)) {
        throw conflict(
          action.status === 'verified'
            ? 'cannot add a success metric to a verified action; reopen it first (status in_progress)'
            : 'cannot add a success metric to a wont_fix action: it is closed',
        );
      }
      // Counted again under the action's row lock: concurrent attaches to one action queue on it,
      // so the cap holds however many race.
      await this.checkRoomFor(action.id, tx);
      const now = new Date();
      const metric = await this.metrics.insert(
        // An explicit baseline is the baseline scoring uses, so it is the frozen value from the start.
        {
          ...definition,
          sourceId: input.sourceId ?? null,
          actionId,
          baselineValue: definition.baseline,
          ...NOTHING_MEASURED,
          createdAt: now,
          updatedAt: now,
        },
        tx,
      );
      await this.record(
        action.id,
        'metric_added',
        metric.id,
        diffFields({}, snapshotMetric(metric)),
        principal,
        now,
        tx,
      );
      return toSuccessMetricDto(metric, null, this.config.datasources);
    });
    // With a metric, the action's flags are judged by its telemetry (a stall on dates alone no longer holds).
    await this.actionFlags.refresh(actionId);
    return added;
  }

  async update(
    actionId: string,
    metricId: string,
    input: UpdateMetricDto,
    principal: Principal,
    gone?: AbortSignal,
  ): Promise<SuccessMetricDto> {
    // A changed query (or datasource) is judged by the datasource exactly as attaching does. That
    // wait (up to QUERY_CHECK_PATIENCE_MS) happens before the transaction, not under the action's
    // row lock; a concurrent edit to another query/datasource pair is judged again inside it.
    const current = await this.metrics.findOne(actionId, metricId);
    if (!current) throw await this.missing(actionId, metricId);
    const proposed = checkSuccessMetric(
      mergeDraft(definitionOf(current), input),
      this.config.datasources,
      definitionLimits(this.config),
    );
    const judged = await this.checkChangedQuery(this.storedAs(current), this.judgedAs(proposed), null, gone);
    const saved = await this.transactions.run(async (tx) => {
      await this.lockAction(actionId, tx);
      const metric = await this.metrics.findOne(actionId, metricId, tx);
      if (!metric) throw notFound('success metric', metricId);
      const before = snapshotMetric(metric);
      const definition = checkSuccessMetric(
        mergeDraft(definitionOf(metric), input),
        this.config.datasources,
        definitionLimits(this.config),
      );
      await this.checkChangedQuery(this.storedAs(metric), this.judgedAs(definition), judged, gone);
      Object.assign(metric, definition);
      const changed = Object.keys(diffFields(before, snapshotMetric(metric)));
      const redefined = MEASUREMENT_FIELDS.some((field) => changed.includes(field));
      // What is measured changed: the frozen baseline, its model and the met streak measured something else.
      if (redefined) Object.assign(metric, { baselineValue: definition.baseline, baselineModel: null, metSince: null });
      // The pre-fix value is measured with the definition's window and aggregation: any change measures it again.
      if (changed.length > 0) Object.assign(metric, { preFixValue: null, preFixFor: null });
      const changes = diffFields(before, snapshotMetric(metric));
      if (Object.keys(changes).length === 0) return metric;
      const now = new Date();
      metric.updatedAt = now;
      await this.metrics.update(metric, tx);
      await this.record(actionId, 'metric_updated', metric.id, changes, principal, now, tx);
      return metric;
    });
    // A new verifyWithin or checkEvery changes what the flags say now (ineffective, no telemetry), as a create does.
    await this.actionFlags.refresh(actionId);
    // The same read model as GET: a change keeps the metric's checks, so it keeps its latest one.
    const [dto] = await this.withLatest([saved]);
    return dto;
  }

  async remove(actionId: string, metricId: string, principal: Principal): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.lockAction(actionId, tx);
      const metric = await this.metrics.findOne(actionId, metricId, tx);
      if (!metric) throw notFound('success metric', metricId);
      await this.metrics.delete(metric.id, tx);
      await this.record(
        actionId,
        'metric_removed',
        metric.id,
        diffFields(snapshotMetric(metric), {}),
        principal,
        new Date(),
        tx,
      );
    });
    await this.actionFlags.refresh(actionId);
  }

  /** The metrics with their newest evaluation, in one query. */
  private async withLatest(metrics: SuccessMetricEntity[]): Promise<SuccessMetricDto[]> {
    const latest = await this.evaluations.latestByMetrics(metrics.map((m) => m.id));
    return metrics.map((m) => {
      const evaluation = latest.find((e) => e.metricId === m.id);
      return toSuccessMetricDto(m, evaluation ? toMetricEvaluationDto(evaluation) : null, this.config.datasources);
    });
  }

  /**
   * The PromQL attaching judges: the query, or a selector on a prometheus datasource translated
   * (checkQueryAccepted binds its step window to 1m). A selector whose names translate to nothing
   * Prometheus can hold is refused here.
   */
  private promqlOf(definition: Pick<SuccessMetricDefinition, 'datasource' | 'query' | 'selector'>): string | null {
    const kind = this.config.datasources.find((ds) => ds.name === definition.datasource)?.type ?? null;
    try {
      return definition.query ?? measurementOf(definition, kind)?.translatedQuery ?? null;
    } catch (err) {
      throw invalidInput(`selector: ${(err as Error).message}`);
    }
  }

  /** The (datasource, PromQL) pair a stored metric was judged by; never refuses what is already stored. */
  private storedAs(metric: SuccessMetricEntity): { datasource: string; query: string | null } {
    return { datasource: metric.datasource, query: metric.query ?? translatedQuery(metric, this.config.datasources) };
  }

  /** The (datasource, PromQL) pair a change is judged by. */
  private judgedAs(metric: Pick<SuccessMetricDefinition, 'datasource' | 'query' | 'selector'>): JudgedQuery {
    return {
      datasource: metric.datasource,
      query: this.promqlOf(metric),
      field: metric.query === null ? 'selector' : 'query',
    };
  }

  /**
   * A query the datasource rejects, or that returns several series now (every check would fail),
   * is refused with the datasource's own message. A datasource that is down or slow does not block
   * attaching (the telemetry may be set up later; checks will say `error`), so the wait is bounded
   * and only a definite answer counts. Once the patience is spent the check is abandoned, its
   * request ended rather than left running on the datasource; a client that has gone (`gone`)
   * ends it too, and then nothing is written.
   */
  private async checkQueryAccepted(
    datasource: string,
    query: string,
    field: JudgedQuery['field'] = 'query',
    gone?: AbortSignal,
  ): Promise<void> {
    if (!this.datasources.has(datasource)) return;
    const patience = AbortSignal.timeout(QUERY_CHECK_PATIENCE_MS);
    const ended = gone ? AbortSignal.any([patience, gone]) : patience;
    try {
      // Only a translation has a step window; hand-written PromQL goes as written, as it is scored.
      const sent = field === 'selector' ? bindStepWindow(query, MIN_STEP_WINDOW_MS) : query;
      // A source that does not heed the signal is still waited for no longer than the patience.
      const abandoned = new Promise<void>((resolve) =>
        ended.addEventListener('abort', () => resolve(), { once: true }),
      );
      await Promise.race([this.datasources.get(datasource).validate(sent, ended), abandoned]);
    } catch (err) {
      if (err instanceof DatasourceError && REFUSED_KINDS.includes(err.kind))
        throw invalidInput(`${field}: ${err.message}`);
    }
    if (gone?.aborted) throw new CallAborted(datasource);
  }

  /**
   * Validates `next`'s query when it differs from `metric`'s (query or datasource changed), unless
   * that same pair was already judged; returns the pair judged (or `judged` unchanged).
   */
  private async checkChangedQuery(
    metric: Pick<SuccessMetricEntity, 'datasource' | 'query'>,
    next: JudgedQuery,
    judged: string | null,
    gone?: AbortSignal,
  ): Promise<string | null> {
    if (next.query === null || (next.query === metric.query && next.datasource === metric.datasource)) return judged;
    const pair = JSON.stringify([next.datasource, next.query]);
    if (pair === judged) return judged;
    await this.checkQueryAccepted(next.datasource, next.query, next.field, gone);
    return pair;
  }

  /** One more metric fits the action (limits.maxMetricsPerAction; docs/operation.md, "Query cost limits"). */
  private async checkRoomFor(actionId: string, tx?: Tx): Promise<void> {
    const max = this.config.limits.maxMetricsPerAction;
    if ((await this.metrics.countByAction(actionId, tx)) >= max) {
      throw conflict(
        `an action has at most ${max} success metrics (limits.maxMetricsPerAction); remove one before attaching another`,
      );
    }
  }

  private async lockAction(actionId: string, tx: Tx): Promise<ActionEntity> {
    const action = await this.actions.findByIdForUpdate(actionId, tx);
    if (!action) throw notFound('action', actionId);
    return action;
  }

  /** The audit event of a metric change; `metricId` names the metric ({from: null} when added, {to: null} when removed). */
  private async record(
    actionId: string,
    type: 'metric_added' | 'metric_updated' | 'metric_removed',
    metricId: string,
    changes: FieldChanges,
    principal: Principal,
    at: Date,
    tx: Tx,
  ): Promise<void> {
    const ids = { from: type === 'metric_added' ? null : metricId, to: type === 'metric_removed' ? null : metricId };
    await this.events.append({ actionId, actor: principal.name, type, changes: { metricId: ids, ...changes }, at }, tx);
  }

  private async missing(actionId: string, metricId: string) {
    return (await this.actions.exists(actionId)) ? notFound('success metric', metricId) : notFound('action', actionId);
  }
}
