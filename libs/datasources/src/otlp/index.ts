export { OtlpSelectorSource, TERM_POINTS_SQL, rowsToSeries, type SqlRunner } from './otlp-selector.source';
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
