import { context, diag, DiagConsoleLogger, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { AppConfig } from '@app/config';
import { batchSpanOptionsFromEnv, samplerFromEnv, spanLimitsFromEnv } from './tracing.env';

/** The provider this process registered, if any: flushed and shut down once, at exit. */
let provider: TracerProvider | null = null;

/**
 * Registers the OpenTelemetry tracer provider at process start, before Nest builds anything, so
 * every span of the process goes to it. Off unless `telemetry.tracing` (the standard OTEL_*
 * variables decide it through the configuration): then `@opentelemetry/api` stays a no-op and
 * spans cost almost nothing. The exporter reads its own standard variables (endpoint, headers,
 * timeout); OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over `serviceName`; the sampler
 * follows OTEL_TRACES_SAMPLER, the batching OTEL_BSP_* (see tracing.env.ts).
 */
export function startTracing(config: Pick<AppConfig, 'telemetry'>, serviceName: string): boolean {
  if (!config.telemetry.tracing || provider) return provider !== null;
  // Export failures (a collector that is down) are worth a line on stderr, not a crash.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.ERROR);
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new TracerProvider({
    resource,
    sampler: samplerFromEnv(),
    spanLimits: spanLimitsFromEnv(),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...batchSpanOptionsFromEnv() })],
  });
  registerTracerProvider(provider);
  return true;
}

/**
 * Makes `provider` the global one, with what spans need to nest and to cross process boundaries:
 * an AsyncLocalStorage context (a span started inside another's callback is its child) and the
 * W3C trace-context and baggage propagators.
 */
export function registerTracerProvider(tracerProvider: TracerProvider): void {
  trace.setGlobalTracerProvider(tracerProvider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
}

/** Exports the spans still buffered and stops the provider; a no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const current = provider;
  provider = null;
  await current?.shutdown();
}
