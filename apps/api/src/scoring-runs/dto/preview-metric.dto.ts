import { IsOptional, IsUUID } from 'class-validator';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { CreateMetricDto } from '../../success-metrics/dto/create-metric.dto';

/** A success metric definition as for POST …/metrics, run once without saving. */
export class PreviewMetricDto extends CreateMetricDto {
  /**
   * The action the metric is for: the baseline then ends where its saved metric's would (the
   * metric's baselineEnd, else the post-mortem's occurredAt, else the action's openedAt) and the
   * window starts no earlier than the action's implementedAt, as its scoring would judge it.
   */
  @IsOptional()
  @IsUUID('all')
  actionId?: string;

  /** The post-mortem the metric is for, when there is no action yet: the baseline ends at its occurredAt. */
  @IsOptional()
  @IsUUID('all')
  postmortemId?: string;

  /** When the fix shipped: the window then starts no earlier (and is pending while young). Default: the action's implementedAt. */
  @IfDefined()
  @IsInstant()
  implementedAt?: string;

  /** The check time; default now. */
  @IfDefined()
  @IsInstant()
  at?: string;
}
