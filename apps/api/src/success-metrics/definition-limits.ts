import type { AppConfig } from '@app/config';
import { parseDuration, type DefinitionLimits } from '@app/domain';

/** The configured limits a metric definition is checked against (docs/operation.md, "Query cost limits"). */
export function definitionLimits(config: AppConfig): DefinitionLimits {
  return { maxQueryRangeMs: parseDuration(config.limits.maxQueryRange) };
}
