export { OtlpSelectorSource } from './otlp-selector.source';
export type { OtlpMetricNameReader, OtlpPointReader, OtlpWindow } from './otlp-point-reader';
export { parseSelectorQuery } from './selector-query';
export {
  evaluateSelector,
  histogramQuantile,
  lookbackMs,
  statisticAt,
  StatisticError,
  MIN_LOOKBACK_MS,
  type Bucket,
  type StoredPoint,
  type StoredSeries,
} from './otlp-statistics';
