export { OtlpSelectorSource, TERM_POINTS_SQL, rowsToSeries, type SqlRunner } from './otlp-selector.source';
export { selectorQuery, parseSelectorQuery, type SelectorQuery, type SelectorQueryTerm } from './selector-query';
export {
  evaluateSelector,
  histogramQuantile,
  lookbackMs,
  statisticAt,
  StatisticError,
  MIN_LOOKBACK_MS,
  type Bucket,
  type Statistic,
  type StoredPoint,
  type StoredSeries,
} from './otlp-statistics';
