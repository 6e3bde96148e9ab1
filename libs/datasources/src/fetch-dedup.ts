import type { MetricSource, RangeRequest, Series } from './metric-source';

/**
 * What a pass keeps of the answers it has had, in samples (16 bytes each as kept, ~80 as parsed
 * objects): enough for the repeats of a pass to be made once, bounded so that a pass over tens of
 * thousands of distinct queries does not hold every answer until it ends.
 */
export const DEFAULT_MEMO_SAMPLES = 1_000_000;

/** A settled answer as kept: the samples packed as [at, value] pairs, or the failure to share. */
type Settled = { labels: Record<string, string>; packed: Float64Array } | { none: true } | { error: unknown };

/**
 * A memo for one scoring pass: identical range fetches (same datasource, query, start, end, step)
 * share one request. Metrics often repeat a query (one per action of a shared service) and
 * baseline windows are frozen, so a pass would otherwise ask Prometheus the same thing many times.
 * A fetch in flight is always shared; a settled answer (a failure too, shared like a result) is
 * kept while the answers kept stay within `maxSamples`, the least recently used going first. Make
 * a new one per pass.
 */
export class FetchDedup {
  /** In recency order, oldest first: fetches in flight, and settled ones with their cost in `costs`. */
  private readonly memo = new Map<string, Promise<Series | null> | Settled>();
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
      return kept instanceof Promise ? kept : unpack(kept);
    }
    const pending = source.range(request);
    this.memo.set(key, pending);
    this.made++;
    pending.then(
      (series) => this.settled(key, series ? pack(series) : { none: true }),
      (error: unknown) => this.settled(key, { error }),
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

  private settled(key: string, answer: Settled): void {
    if (!this.memo.has(key)) return;
    const cost = ('packed' in answer ? answer.packed.length / 2 : 0) + 1;
    this.memo.set(key, answer);
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

function pack(series: Series): Settled {
  const packed = new Float64Array(series.samples.length * 2);
  series.samples.forEach((sample, i) => {
    packed[2 * i] = sample.at;
    packed[2 * i + 1] = sample.value;
  });
  return { labels: series.labels, packed };
}

/** A kept answer as its callers take it: a fresh series each time, so no caller can change another's. */
function unpack(answer: Settled): Promise<Series | null> {
  if ('error' in answer) return Promise.reject(answer.error);
  if ('none' in answer) return Promise.resolve(null);
  const samples = new Array<{ at: number; value: number }>(answer.packed.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = { at: answer.packed[2 * i], value: answer.packed[2 * i + 1] };
  return Promise.resolve({ labels: answer.labels, samples });
}
