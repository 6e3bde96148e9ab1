import { checkSelector, type MetricSelector } from '@app/domain';

/**
 * Reads back the query a selector metric sends the OTLP store (libs/domain `selectorQuery`, its
 * canonical JSON), checked by the selector rules a definition is attached with; throws an Error
 * whose message says what is wrong.
 */
export function parseSelectorQuery(query: string): MetricSelector {
  let value: unknown;
  try {
    value = JSON.parse(query);
  } catch {
    throw new Error(
      `not a selector (the otlp datasource takes {metric, attributes?, statistic, denominator?}): ${query.slice(0, 200)}`,
    );
  }
  return checkSelector(value);
}
