import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  NewOtlpPoint,
  NewOtlpSeries,
  OtlpPointRepository,
  OtlpSeriesRepository,
  OtlpSeriesState,
  TransactionRunner,
  type Tx,
} from '@app/persistence';
import { parseDuration } from '@app/domain';
import { memoizedAttributesHash } from '../decode/otlp-attributes';
import type { OtlpPoint } from '../decode/otlp-metric.model';
import {
  checkOrder,
  checkPoint,
  ClassifyClock,
  memoizedMicrosToIso,
  nanosToMicros,
  RejectReason,
} from './point-classification';

const FUTURE_TOLERANCE_US = 10n * 60n * 1_000_000n;

export interface StoreOutcome {
  accepted: number;
  rejections: Map<RejectReason, number>;
  /** Metrics at the per-metric series limit, for the message to the sender. */
  limitedMetrics: string[];
}

interface Batch {
  groups: Map<string, SeriesGroup>;
  /** Points refused before the database was asked. */
  rejections: Map<RejectReason, number>;
}

interface SeriesGroup {
  key: string;
  sample: OtlpPoint;
  hash: string;
  points: Array<{ point: OtlpPoint; atUs: bigint }>;
}

/**
 * Stores accepted points: finds or creates their series (within the per-metric series limit and the
 * overall series budget), refuses points out of order, and writes everything of one export in one
 * transaction.
 */
@Injectable()
export class OtlpPointStore {
  private readonly retentionUs: bigint;
  private readonly maxSeriesPerMetric: number;
  private readonly maxSeries: number;
  // Exports that may create series are written one at a time per process, so the series limits
  // are not raced past here.
  private tail: Promise<unknown> = Promise.resolve();
  /** Series keys seen stored; bounded by the series budget. Only a hint: the rows are read anyway. */
  private readonly known = new Set<string>();

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly series: OtlpSeriesRepository,
    private readonly points: OtlpPointRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.retentionUs = BigInt(parseDuration(config.otlp.retention)) * 1000n;
    this.maxSeriesPerMetric = config.otlp.maxSeriesPerMetric;
    this.maxSeries = config.otlp.maxSeries;
  }

  /**
   * Exports whose series this process has seen stored run side by side, each locking its series
   * rows (so two exports of one series still take turns, and its order check sees the other's
   * points); an export that may create series runs alone, so the series limits are not raced past.
   */
  async store(points: OtlpPoint[], nowMs = Date.now()): Promise<StoreOutcome> {
    const batch = this.classify(points, nowMs);
    if (batch.groups.size > 0 && [...batch.groups.keys()].every((key) => this.known.has(key))) {
      const done = await this.write(batch, false);
      if (done) return done;
      // A series went (the retention purge): create it again, alone.
    }
    const run = this.tail.then(() => this.write(batch, true));
    this.tail = run.catch(() => undefined);
    return (await run)!;
  }

  /** Refuses what can be refused without the database, and groups the rest by series. */
  private classify(points: OtlpPoint[], nowMs: number): Batch {
    const rejections = new Map<RejectReason, number>();
    const clock: ClassifyClock = {
      nowUs: BigInt(nowMs) * 1000n,
      retentionUs: this.retentionUs,
      futureToleranceUs: FUTURE_TOLERANCE_US,
    };
    const groups = new Map<string, SeriesGroup>();
    const attributesHash = memoizedAttributesHash();
    for (const point of points) {
      const checked = checkPoint(point, clock);
      if ('reject' in checked) {
        rejections.set(checked.reject, (rejections.get(checked.reject) ?? 0) + 1);
        continue;
      }
      const hash = attributesHash(point.attributes);
      const key = `${point.metric}\u0000${hash}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { key, sample: point, hash, points: [] }));
      group.points.push({ point, atUs: checked.atUs });
    }
    return { groups, rejections };
  }

  /** Writes the batch in one transaction; without `create`, null when a series is not stored (nothing written). */
  private async write(batch: Batch, create: boolean): Promise<StoreOutcome | null> {
    const rejections = new Map(batch.rejections);
    const reject = (reason: RejectReason, n = 1): void => {
      rejections.set(reason, (rejections.get(reason) ?? 0) + n);
    };
    const groups = [...batch.groups.values()];
    const limited = new Set<string>();
    let accepted = 0;
    if (groups.length > 0) {
      const written = await this.transactions.run(async (tx) => {
        const states = await this.resolveSeries(groups, tx, create ? reject : null, limited);
        if (!states) return null;
        return this.writePoints(groups, states, tx, reject);
      });
      if (written === null) return null;
      accepted = written;
    }
    return { accepted, rejections, limitedMetrics: [...limited] };
  }

  /**
   * The stored state of every group's series, their rows locked until the transaction ends. With
   * `reject`, creates missing series up to the per-metric limit and the overall budget; without,
   * null when any is missing.
   */
  private async resolveSeries(
    groups: SeriesGroup[],
    tx: Tx,
    reject: ((reason: RejectReason, n?: number) => void) | null,
    limited: Set<string>,
  ): Promise<Map<string, OtlpSeriesState> | null> {
    const states = new Map<string, OtlpSeriesState>();
    const keyOf = (s: { metric: string; attributesHash: string }): string => `${s.metric}\u0000${s.attributesHash}`;
    for (const s of await this.series.lockByKeys(
      groups.map((g) => ({ metric: g.sample.metric, attributesHash: g.hash })),
      tx,
    )) {
      states.set(keyOf(s), s);
    }
    const missing = groups.filter((g) => !states.has(g.key));
    if (missing.length > 0 && !reject) return null;
    if (missing.length > 0 && reject) {
      const stored = await this.series.countByMetric([...new Set(missing.map((g) => g.sample.metric))], tx);
      let overallRoom = this.maxSeries - (await this.series.countAll(tx));
      const room = new Map<string, number>();
      const create: NewOtlpSeries[] = [];
      for (const g of missing) {
        const metric = g.sample.metric;
        const left = room.get(metric) ?? this.maxSeriesPerMetric - (stored.get(metric) ?? 0);
        if (left <= 0) {
          reject('series_limit', g.points.length);
          limited.add(metric);
          room.set(metric, 0);
          continue;
        }
        if (overallRoom <= 0) {
          reject('series_budget', g.points.length);
          continue;
        }
        room.set(metric, left - 1);
        overallRoom -= 1;
        const { kind, temporality, monotonic, unit, attributes } = g.sample;
        create.push({ metric, attributesHash: g.hash, kind, temporality, monotonic, unit, attributes });
      }
      for (const s of await this.series.insertMany(create, tx)) states.set(keyOf(s), s);
    }
    if (this.known.size + states.size > this.maxSeries) this.known.clear();
    for (const key of states.keys()) this.known.add(key);
    return states;
  }

  private async writePoints(
    groups: SeriesGroup[],
    states: Map<string, OtlpSeriesState>,
    tx: Tx,
    reject: (reason: RejectReason, n?: number) => void,
  ): Promise<number> {
    const rows: NewOtlpPoint[] = [];
    const advanced: Array<{ id: string; at: string }> = [];
    const iso = memoizedMicrosToIso();
    // The start time as stored, by its text as decoded: an export's points share a few.
    const startTexts = new Map<string, string | null>();
    const startAt = (nanos: string): string | null => {
      let text = startTexts.get(nanos);
      if (text === undefined) {
        const us = nanosToMicros(nanos);
        startTexts.set(nanos, (text = us > 0n ? iso(us) : null));
      }
      return text;
    };
    let accepted = 0;
    for (const group of groups) {
      const state = states.get(group.key);
      if (!state) continue; // over a series limit: already counted
      if (state.kind !== group.sample.kind || state.temporality !== group.sample.temporality) {
        reject('kind_conflict', group.points.length);
        continue;
      }
      let last = state.lastAtUs;
      for (const { point, atUs } of group.points) {
        const order = checkOrder(atUs, last);
        if (order === 'out_of_order') {
          reject('out_of_order');
          continue;
        }
        accepted += 1;
        if (order === 'duplicate') continue;
        last = atUs;
        rows.push(toRow(state.id, point, iso(atUs), startAt(point.startTimeUnixNano)));
      }
      if (last !== null && last !== state.lastAtUs) advanced.push({ id: state.id, at: iso(last) });
    }
    await this.points.insertMany(rows, tx);
    await this.series.advanceLastAt(advanced, tx);
    return accepted;
  }
}

function toRow(seriesId: string, point: OtlpPoint, at: string, startAt: string | null): NewOtlpPoint {
  const h = point.histogram;
  return {
    seriesId,
    at,
    startAt,
    value: h ? null : point.value,
    bounds: h ? h.bounds : null,
    counts: h ? h.counts : null,
    histSum: h ? h.sum : null,
    histCount: h ? h.count : null,
  };
}
