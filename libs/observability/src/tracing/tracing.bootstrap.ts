import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { AppConfig } from '@app/config';

/** The provider this process registered, if any: flushed and shut down once, at exit. */
let provider: NodeTracerProvider | null = null;

/**
 * Registers the OpenTelemetry tracer provider at process start, before Nest builds anything, so
 * every span of the process goes to it. Off unless `telemetry.tracing` (the standard OTEL_*
 * variables decide it through the configuration): then `@opentelemetry/api` stays a no-op and
 * spans cost almost nothing. The exporter reads its own standard variables (endpoint, headers,
 * timeout); OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over `serviceName`; the sampler
 * follows OTEL_TRACES_SAMPLER.
 */
export function startTracing(config: Pick<AppConfig, 'telemetry'>, serviceName: string): boolean {
  if (!config.telemetry.tracing || provider) return provider !== null;
  // Export failures (a collector that is down) are worth a line on stderr, not a crash.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.ERROR);
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  return true;
}

/** Exports the spans still buffered and stops the provider; a no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const current = provider;
  provider = null;
  await current?.shutdown();
}
