import { SelectorTermDto } from './selector-term.dto';

/** An OpenTelemetry metric selector; with a denominator it is a ratio (e.g. errors over requests). */
export class MetricSelectorDto extends SelectorTermDto {
  denominator?: SelectorTermDto;
}
