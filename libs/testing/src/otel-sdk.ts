import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';

type SdkLogFunction = (message: string, ...args: unknown[]) => void;

/**
 * Hands what the OpenTelemetry SDK logs at warn level or above to the test (an export the receiver
 * refused, say), so it can require there was none: errors, and warnings unless `warn` takes them,
 * are appended to `errors` as text. `diag.disable()` undoes it.
 */
export function collectSdkErrors(errors: string[], warn?: SdkLogFunction): void {
  const append: SdkLogFunction = (message, ...args) => errors.push([message, ...args].map(String).join(' '));
  const ignore = () => undefined;
  diag.setLogger(
    { error: append, warn: warn ?? append, info: ignore, debug: ignore, verbose: ignore },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
}

/** `inner`, noting the result code (0: success) of every export it makes in `results`. */
export function recordingExporter(inner: PushMetricExporter, results: number[]): PushMetricExporter {
  return {
    export: (metrics, done) =>
      inner.export(metrics, (result) => {
        results.push(result.code);
        done(result);
      }),
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
    selectAggregationTemporality: inner.selectAggregationTemporality?.bind(inner),
    selectAggregation: inner.selectAggregation?.bind(inner),
  };
}
