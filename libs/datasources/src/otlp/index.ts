export { OtlpSelectorSource } from './otlp-selector.source';
export type { OtlpPointReader, OtlpWindow } from './otlp-point-reader';
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
