import type { Aggregation, Direction, Seasonality } from '@app/domain';
import { MetricEvaluationDto } from './metric-evaluation.dto';
import { MetricSelectorDto } from './metric-selector.dto';
import { MetricTargetDto } from './metric-target.dto';

export class SuccessMetricDto {
  id: string;
  /** The stable id a definitions file gave it (docs/definitions.md); null when made by hand. */
  sourceId: string | null;
  actionId: string;
  name: string;
  /** The name of a configured datasource. */
  datasource: string;
  /** PromQL (prometheus datasources); null when `selector` is used. */
  query: string | null;
  /** An OpenTelemetry metric selector; null when `query` is used. */
  selector: MetricSelectorDto | null;
  /**
   * The PromQL a selector on a prometheus datasource is scored with, by the OpenTelemetry-to-
   * Prometheus naming rules; `$__window` stands for max(step, 1m) of each fetch. null otherwise.
   */
  translatedQuery: string | null;
  /** Which way is better. */
  direction: Direction;
  target: MetricTargetDto;
  /** How a window's samples become one value. */
  aggregation: Aggregation;
  baselineWindow: string;
  /** End of the baseline window; null: the post-mortem's occurredAt, else the action's openedAt. */
  baselineEnd: string | null;
  /** The explicit baseline; null: measured once, then frozen. */
  baseline: number | null;
  evaluationWindow: string;
  sustainFor: string;
  verifyWithin: string;
  checkEvery: string;
  /** Resolution of range queries; null: chosen so a window has at most 1,000 points. */
  step: string | null;
  /** Also require a one-sided Mann-Whitney U test significant at this level, e.g. 0.95. */
  confidence: number | null;
  /** none, or compare like with like by the baseline's daily or weekly profile. */
  seasonality: Seasonality;
  /** IANA time zone of the seasonal phase buckets. */
  timeZone: string;
  /** The baseline scoring compares against: the explicit one, else the frozen measured one (null until measured). */
  baselineValue: number | null;
  /** The resolved absolute goal; null while a relative target waits for the baseline. */
  goal: number | null;
  /** The latest evaluation; null until the metric is scored. */
  latest: MetricEvaluationDto | null;
  /** The latest check's progress from baseline to goal, 0..1; null until measured. */
  progress: number | null;
  /** Start of the current run of met checks. */
  metSince: string | null;
  createdAt: string;
  updatedAt: string;
}
