import { IsIn, IsNumber, IsObject, IsOptional, IsString, Length } from 'class-validator';
import {
  AGGREGATIONS,
  DIRECTIONS,
  MAX_METRIC_NAME_LENGTH,
  MAX_QUERY_LENGTH,
  SEASONALITIES,
  type Aggregation,
  type Direction,
  type Seasonality,
} from '@app/domain';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { IsSourceId } from '../../http/validation/is-source-id.decorator';
import { KeepAsSent } from '../../http/validation/keep-as-sent.decorator';
import { NotBlank } from '../../http/validation/not-blank.decorator';
import { MetricSelectorDto } from './metric-selector.dto';
import { MetricTargetDto } from './metric-target.dto';

const FINITE = { allowNaN: false, allowInfinity: false };

/**
 * A success metric. Exactly one of `query` (PromQL, for a prometheus datasource) and `selector`
 * (an OpenTelemetry metric). Durations are written like `30m`, `6h`, `14d`.
 */
export class CreateMetricDto {
  /** The stable id a definitions file gave the metric (docs/definitions.md), unique per action; set on attach only. */
  @IsSourceId()
  sourceId?: string | null;

  /** e.g. "checkout p99 latency". */
  @NotBlank()
  @Length(1, MAX_METRIC_NAME_LENGTH)
  @IsString()
  name: string;

  /** The name of a configured datasource (GET /api/v1/datasources). */
  @IsString()
  datasource: string;

  /** PromQL that evaluates to one series or a scalar. */
  @IsOptional()
  @Length(1, MAX_QUERY_LENGTH)
  @IsString()
  query?: string | null;

  @IsOptional()
  @IsObject()
  @KeepAsSent()
  selector?: MetricSelectorDto | null;

  /** Which way is better. */
  @IsIn(DIRECTIONS)
  direction: Direction;

  /** What counts as fixed; a change replaces the whole target. */
  @IsObject()
  target: MetricTargetDto;

  /** Default avg. */
  @IfDefined()
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;

  /** Default 14d. */
  @IfDefined()
  @IsString()
  baselineWindow?: string;

  /** Default (null): the post-mortem's occurredAt, else the action's openedAt. */
  @IsOptional()
  @IsInstant()
  baselineEnd?: string | null;

  /** An explicit baseline; null (default): measured once over the baseline window, then frozen. */
  @IsOptional()
  @IsNumber(FINITE)
  baseline?: number | null;

  /** Trailing window scored at each check. Default 7d. */
  @IfDefined()
  @IsString()
  evaluationWindow?: string;

  /** How long the goal must hold before the action is verified. Default 7d. */
  @IfDefined()
  @IsString()
  sustainFor?: string;

  /** How long after implementedAt the fix has to prove itself. Default 30d. */
  @IfDefined()
  @IsString()
  verifyWithin?: string;

  /** Default 1h, at least 1m. */
  @IfDefined()
  @IsString()
  checkEvery?: string;

  /** Resolution of range queries; default (null): a window has at most 1,000 points. */
  @IsOptional()
  @IsString()
  step?: string | null;

  /** e.g. 0.95: also require a significant Mann-Whitney U test; between 0 and 1 exclusive. */
  @IsOptional()
  @IsNumber(FINITE)
  confidence?: number | null;

  /**
   * Default none. daily or weekly: compare like with like — the window's samples are adjusted by the
   * baseline's hour-of-day or hour-of-week profile; the baseline window must span a whole period.
   */
  @IfDefined()
  @IsIn(SEASONALITIES)
  seasonality?: Seasonality;

  /** IANA time zone of the seasonal phase buckets, e.g. Europe/Berlin; default UTC. */
  @IfDefined()
  @IsString()
  timeZone?: string;
}
