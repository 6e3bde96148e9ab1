import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { CreateMetricDto } from '../../metrics/dto/create-metric.dto';

/** A success metric definition as for POST …/metrics, run once without saving. */
export class PreviewMetricDto extends CreateMetricDto {
  /** When the fix shipped: the window then starts no earlier (and is pending while young). */
  @IfDefined()
  @IsInstant()
  implementedAt?: string;

  /** The check time; default now. */
  @IfDefined()
  @IsInstant()
  at?: string;
}
