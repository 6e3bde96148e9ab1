/**
 * Weeks of simulated telemetry for the demo's services, recorded with the real OpenTelemetry SDK
 * instruments and sent by the SDK's OTLP/HTTP protobuf exporter to the service's receiver.
 *
 * The SDK stamps every point with the wall clock; history needs past times. So a MetricReader of our
 * own collects what the instruments aggregated once per simulated interval and dates each collection
 * at that interval's simulated time (cumulative points keep one start time, as a process that ran the
 * whole time would send). Nothing else is changed: aggregation, temporality and encoding are the SDK's.
 * A simulated day of one service's collections goes out in one export, in time order, so weeks of
 * history take a hundred-odd requests rather than thousands.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { METRICS } from './scenarios.mjs';

const DAY_MS = 86_400_000;
/** How often the simulated services export (a PeriodicExportingMetricReader's interval). */
export const INTERVAL_MS = 60 * 60_000;
/** Collections per export request: a simulated day. */
const COLLECTIONS_PER_EXPORT = DAY_MS / INTERVAL_MS;
/** Latency histogram buckets, fine enough between 0.1 s and 2 s for a p95 to move with the level. */
const LATENCY_BOUNDARIES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.2, 1.5, 2];
const REQUESTS_PER_INTERVAL = 600;
const LATENCY_OBSERVATIONS_PER_INTERVAL = 40;

/** mulberry32: a small seeded generator, so every run sends the same numbers. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A MetricReader that dates each collection at a simulated time instead of the wall clock. */
class SimulatedClockReader extends MetricReader {
  constructor(startMs) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
    this.startTime = millisToHrTime(startMs);
  }

  async collectAt(atMs) {
    const { resourceMetrics, errors } = await this.collect();
    if (errors.length > 0) throw errors[0];
    const at = millisToHrTime(atMs);
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        const isGauge = metric.dataPointType === DataPointType.GAUGE;
        metric.dataPoints = metric.dataPoints.map((point) => ({
          ...structuredClone(point),
          startTime: isGauge ? at : this.startTime,
          endTime: at,
        }));
      }
    }
    return resourceMetrics;
  }

  onForceFlush() {
    return Promise.resolve();
  }

  onShutdown() {
    return Promise.resolve();
  }
}

/** Appends `next`'s data points to `into`'s, metric by metric (same provider, so same layout). */
function mergeCollection(into, next) {
  if (!into) return next;
  for (const scope of next.scopeMetrics) {
    const target = into.scopeMetrics.find((s) => s.scope.name === scope.scope.name);
    if (!target) {
      into.scopeMetrics.push(scope);
      continue;
    }
    for (const metric of scope.metrics) {
      const same = target.metrics.find((m) => m.descriptor.name === metric.descriptor.name);
      if (same) same.dataPoints.push(...metric.dataPoints);
      else target.metrics.push(metric);
    }
  }
  return into;
}

/** One simulated service: its own resource (service.name), meter provider and reader. */
function simulatedService(name, startMs) {
  const reader = new SimulatedClockReader(startMs);
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': name }), readers: [reader] });
  return { name, reader, provider, meter: provider.getMeter(`${name}-service`) };
}

/** Records one interval of a scenario's traffic at its level (`shape`), with seeded noise. */
function instrumentsFor(scenario, service, random) {
  const meter = service.meter;
  const selector = scenario.metric.selector.metric;
  if (selector === METRICS.checkoutLatency) {
    const histogram = meter.createHistogram(METRICS.checkoutLatency, {
      unit: 's',
      advice: { explicitBucketBoundaries: LATENCY_BOUNDARIES },
    });
    return (level) => {
      // Latencies spread between 40 % and 100 % of the level: the level is about the p95.
      for (let i = 0; i < LATENCY_OBSERVATIONS_PER_INTERVAL; i++) histogram.record(level * (0.4 + 0.62 * random()));
    };
  }
  if (selector === METRICS.searchRequests) {
    const counter = meter.createCounter(METRICS.searchRequests, { unit: '{request}' });
    return (errorRatio) => {
      const errors = Math.round(REQUESTS_PER_INTERVAL * errorRatio * (0.7 + 0.6 * random()));
      counter.add(errors, { 'http.response.status_code': '500' });
      counter.add(REQUESTS_PER_INTERVAL - errors, { 'http.response.status_code': '200' });
    };
  }
  if (selector === METRICS.queueDepth) {
    const gauge = meter.createGauge(METRICS.queueDepth, { unit: '{message}' });
    return (depth) => gauge.record(Math.round(depth * (0.9 + 0.2 * random())));
  }
  throw new Error(`the demo has no simulation for ${selector}`);
}

/**
 * Sends `scenarios`' history from `startMs` to `endMs` through `url` with `ingestKey`. Returns the
 * number of export requests and the SDK's warnings and errors (an export the receiver refused).
 */
export async function sendHistory({ url, ingestKey, scenarios, startMs, endMs, seed = 20261105 }) {
  const problems = [];
  const note = (message, ...args) => problems.push([message, ...args].map(String).join(' '));
  const ignore = () => undefined;
  diag.setLogger(
    { error: note, warn: note, info: ignore, debug: ignore, verbose: ignore },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  const exporter = new OTLPMetricExporter({ url, headers: { Authorization: `Bearer ${ingestKey}` } });
  const random = seededRandom(seed);
  const simulated = scenarios
    .filter((scenario) => scenario.shape)
    .map((scenario) => {
      const service = simulatedService(scenario.service, startMs);
      return { scenario, service, record: instrumentsFor(scenario, service, random) };
    });

  // One export per service and simulated day: a request carries one resource (its service.name).
  let exports = 0;
  const send = async (batch) => {
    const result = await new Promise((resolve) => exporter.export(batch, resolve));
    if (result.code !== 0) throw new Error(`the OTLP export failed: ${result.error?.message ?? result.code}`);
    exports++;
  };
  const batches = new Map();
  let collections = 0;
  for (let at = startMs + INTERVAL_MS; at <= endMs; at += INTERVAL_MS) {
    const daysAgo = (endMs - at) / DAY_MS;
    for (const { scenario, service, record } of simulated) {
      record(scenario.shape(daysAgo));
      batches.set(service, mergeCollection(batches.get(service), await service.reader.collectAt(at)));
    }
    if (++collections >= COLLECTIONS_PER_EXPORT || at + INTERVAL_MS > endMs) {
      for (const batch of batches.values()) await send(batch);
      batches.clear();
      collections = 0;
    }
  }
  await exporter.shutdown();
  await Promise.all(simulated.map(({ service }) => service.provider.shutdown()));
  diag.disable();
  return { exports, problems };
}
