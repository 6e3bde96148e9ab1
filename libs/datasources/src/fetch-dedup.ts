import type { MetricSource, RangeRequest, Series } from './metric-source';

/**
 * What a pass keeps of the answers it has had, in samples (about 60 bytes each once parsed):
 * enough for the repeats of a pass to be made once, bounded so that a pass over tens of
 * thousands of distinct queries does not hold every answer until it ends.
 */
export const DEFAULT_MEMO_SAMPLES = 1_000_000;

/**
 * A memo for one scoring pass: identical range fetches (same datasource, query, start, end, step)
 * share one request. Metrics often repeat a query (one per action of a shared service) and
 * baseline windows are frozen, so a pass would otherwise ask Prometheus the same thing many times.
 * A fetch in flight is always shared; a settled answer (a failure too, shared like a result) is
 * kept while the answers kept stay within `maxSamples`, the least recently used going first. Make
 * a new one per pass.
 */
export class FetchDedup {
  /** In recency order, oldest first: fetches in flight, and settled ones with their cost in `kept`. */
  private readonly memo = new Map<string, Promise<Series | null>>();
  private readonly costs = new Map<string, number>();
  private keptSamples = 0;
  private made = 0;

  constructor(private readonly maxSamples = DEFAULT_MEMO_SAMPLES) {}

  /** Fetches through `source` unless the same fetch was already made in this pass and is still kept. */
  range(source: MetricSource, request: RangeRequest): Promise<Series | null> {
    const key = JSON.stringify([source.name, request.query, request.start, request.end, request.stepMs]);
    const kept = this.memo.get(key);
    if (kept) {
      this.memo.delete(key);
      this.memo.set(key, kept);
      return kept;
    }
    const pending = source.range(request);
    this.memo.set(key, pending);
    this.made++;
    pending.then(
      (series) => this.settled(key, series?.samples.length ?? 0),
      () => this.settled(key, 0),
    );
    return pending;
  }

  /** `source` seen through this memo, for code that takes a MetricSource. */
  wrap(source: MetricSource): MetricSource {
    return {
      name: source.name,
      range: (request) => this.range(source, request),
      validate: (query, signal) => source.validate(query, signal),
      metricNames: (request) => source.metricNames(request),
    };
  }

  /** Distinct fetches made so far (a fetch made again after its answer was dropped counts again). */
  get size(): number {
    return this.made;
  }

  /** Answers kept, in samples (an answer counts one more, so an empty one or a failure is not free). */
  get kept(): number {
    return this.keptSamples;
  }

  private settled(key: string, samples: number): void {
    if (!this.memo.has(key)) return;
    const cost = samples + 1;
    this.costs.set(key, cost);
    this.keptSamples += cost;
    for (const old of this.memo.keys()) {
      if (this.keptSamples <= this.maxSamples) break;
      const oldCost = this.costs.get(old);
      // Still in flight: its callers share it whatever the budget.
      if (oldCost === undefined) continue;
      this.memo.delete(old);
      this.costs.delete(old);
      this.keptSamples -= oldCost;
    }
  }
}
