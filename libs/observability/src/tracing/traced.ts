import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/** The instrumentation scope of every span the service makes. */
export const TRACER_NAME = 'remediation-tracker';

/**
 * Runs `fn` inside an active span (so spans started within become its children), records a
 * thrown error on it (exception event, ERROR status) and ends it whatever happens. With no
 * tracer provider registered the span is a no-op.
 */
export async function traced<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      markFailed(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Marks a span failed with the error, for a failure the code handles instead of throwing. */
export function markFailed(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
