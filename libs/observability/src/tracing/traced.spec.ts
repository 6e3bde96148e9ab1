import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { traced } from './traced';
import { registerTracerProvider } from './tracing.bootstrap';

describe('traced', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    // What startTracing registers, with an in-memory exporter: the async context carries the parent.
    registerTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  });
  afterAll(() => {
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('nests spans started inside, keeps the attributes, and ends them', async () => {
    exporter.reset();
    const result = await traced('outer', { 'remediation.metric_id': 'm1' }, async (span) => {
      span.setAttribute('scoring.verdict', 'met');
      return traced('inner', {}, async () => 42);
    });
    expect(result).toBe(42);
    const [inner, outer] = exporter.getFinishedSpans();
    expect([outer.name, inner.name]).toEqual(['outer', 'inner']);
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(outer.attributes).toEqual({ 'remediation.metric_id': 'm1', 'scoring.verdict': 'met' });
    expect(outer.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('records a thrown error on the span, marks it failed and rethrows', async () => {
    exporter.reset();
    await expect(traced('failing', {}, async () => Promise.reject(new Error('connection refused')))).rejects.toThrow(
      'connection refused',
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'connection refused' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });
});
