import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.loader';

/** The telemetry section, and the standard OTEL_* variables deciding whether spans are exported. */
describe('telemetry configuration', () => {
  const empty = mkdtempSync(join(tmpdir(), 'rt-config-'));
  const load = (env: Record<string, string>) => loadConfig(env, empty).telemetry;

  it('defaults: a 5 s gauge cache, no scorer listener, no tracing', () => {
    expect(load({})).toEqual({ gaugeCacheTtl: '5s', scorerMetricsPort: null, tracing: false });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'TRUE' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'false' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_SERVICE_NAME: 'remediation' }, false],
  ])('%j → tracing %s', (env, tracing) => {
    expect(load(env).tracing).toBe(tracing);
  });

  it('lets the variables win over a file, as every variable does', () => {
    const file = join(empty, 'on.yaml');
    writeFileSync(file, 'telemetry:\n  tracing: true\n  gaugeCacheTtl: 250ms\n  scorerMetricsPort: 9464\n');
    expect(load({ REMEDIATION_CONFIG: file })).toEqual({
      gaugeCacheTtl: '250ms',
      scorerMetricsPort: 9464,
      tracing: true,
    });
    expect(load({ REMEDIATION_CONFIG: file, OTEL_SDK_DISABLED: 'true' }).tracing).toBe(false);
  });

  it('names a bad key', () => {
    const file = join(empty, 'bad.yaml');
    writeFileSync(file, 'telemetry:\n  gaugeCacheTtl: soon\n');
    expect(() => load({ REMEDIATION_CONFIG: file })).toThrow(/telemetry\.gaugeCacheTtl/);
  });
});
