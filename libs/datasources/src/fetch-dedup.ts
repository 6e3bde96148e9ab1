import type { MetricSource, RangeRequest, Series } from './metric-source';

/**
 * A memo for one scoring pass: identical range fetches (same datasource, query, start, end, step)
 * share one request. Metrics often repeat a query (one per action of a shared service) and
 * baseline windows are frozen, so a pass would otherwise ask Prometheus the same thing many times.
 * Make a new one per pass: it never expires entries, and failures are shared like results.
 */
export class FetchDedup {
  private readonly inFlight = new Map<string, Promise<Series | null>>();

  /** Fetches through `source` unless the same fetch was already made in this pass. */
  range(source: MetricSource, request: RangeRequest): Promise<Series | null> {
    const key = JSON.stringify([source.name, request.query, request.start, request.end, request.stepMs]);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = source.range(request);
      this.inFlight.set(key, pending);
    }
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

  /** Distinct fetches made so far. */
  get size(): number {
    return this.inFlight.size;
  }
}
