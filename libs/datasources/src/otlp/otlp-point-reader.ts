import type { OtlpWindowRequest } from '@app/persistence';
import type { StoredSeries } from './otlp-statistics';

/** One selector term's window: the series of `metric` whose attributes include `attributes`, over (from, to]. */
export type OtlpWindow = OtlpWindowRequest;

/**
 * Where the `otlp` datasource reads the points the OTLP receiver stored (the persistence layer's
 * OtlpWindowRepository): each matching series with its points in the window, plus its last point at
 * or before the window's start — what a cumulative counter's value at the lookback's start is
 * interpolated from.
 */
export interface OtlpPointReader {
  seriesInWindow(window: OtlpWindow): Promise<StoredSeries[]>;
}

/** Where the `otlp` datasource lists the metric names the receiver stored (OtlpSeriesRepository). */
export interface OtlpMetricNameReader {
  /** The first `limit` distinct names starting with `prefix` (taken literally), sorted. */
  metricNames(prefix: string, limit: number): Promise<string[]>;
}
