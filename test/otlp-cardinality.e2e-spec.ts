import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectStatus, ServiceProcess, tempDir } from '@app/testing';

/**
 * A cardinality burst of a million distinct series of one gauge metric, sent as OTLP JSON requests
 * each under the body limit, against the embedded database: the receiver keeps exactly
 * `maxSeriesPerMetric` series, reports every other point as rejected (partialSuccess), stays ready
 * throughout and still accepts a known series afterwards. The point budget is disabled (0) so only
 * the series limit is at play. Measured here: 1,000,000 points in 40 requests (~3 MB each) in 25.7 s
 * (~39k points/s). OTLP_BURST_SERIES overrides the count.
 */

const SERIES_LIMIT = 1000;
const TOTAL_SERIES = Number(process.env.OTLP_BURST_SERIES ?? 1_000_000);
const PER_REQUEST = 25_000;
const MAX_BODY = 4 * 1024 * 1024;
const METRIC = 'burst.million';

/** One OTLP JSON request body: `count` gauge points of METRIC, series pod-<from> … pod-<from+count-1>. */
function burstBody(from: number, count: number, timeNs: string): string {
  const points: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    points[i] = `{"attributes":[{"key":"pod","value":{"stringValue":"pod-${from + i}"}}],"timeUnixNano":"${timeNs}","asDouble":${i}}`;
  }
  return (
    '{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"burst-sender"}}]},' +
    `"scopeMetrics":[{"scope":{"name":"e2e"},"metrics":[{"name":"${METRIC}","gauge":{"dataPoints":[${points.join(',')}]}}]}]}]}`
  );
}

describe('OTLP receiver under a million-series cardinality burst', () => {
  let service: ServiceProcess;
  let ingestKey: string;

  async function postJson(body: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
      body,
    });
    return { status: res.status, body: JSON.parse(await res.text()) };
  }

  beforeAll(async () => {
    const dir = tempDir('rt-otlp-burst-');
    const config = join(dir, 'otlp.yaml');
    writeFileSync(config, `otlp:\n  maxSeriesPerMetric: ${SERIES_LIMIT}\n  maxBodyBytes: ${MAX_BODY}\n  maxPointsPerMinute: 0\n`);
    service = await ServiceProcess.start({ database: 'embedded', env: { REMEDIATION_CONFIG: config } });
    const issue = async (name: string, role: string): Promise<string> => {
      const res = await service.http.post('/api/v1/keys', { name, role });
      expectStatus(res, 201);
      return res.body.key;
    };
    ingestKey = await issue('collector', 'ingest');
    const editor = service.http.withKey(await issue('sre', 'editor'));
    const action = await editor.post('/api/v1/actions', { title: 'Survive a cardinality burst', ownerTeam: 'payments' });
    expectStatus(action, 201);
    // The receiver keeps only metrics some selector names.
    const metric = await editor.post(`/api/v1/actions/${action.body.id}/metrics`, {
      name: 'burst',
      selector: { metric: METRIC, statistic: 'value' },
      datasource: 'otlp',
      direction: 'decrease',
      target: { relativePercent: 20 },
    });
    expectStatus(metric, 201);
  });

  afterAll(async () => {
    await service?.destroy();
  });

  it(`keeps ${SERIES_LIMIT} of ${TOTAL_SERIES} series, rejects the rest by name, stays ready and alive`, async () => {
    const timeNs = (BigInt(Date.now()) * 1_000_000n).toString();
    let accepted = 0;
    let rejected = 0;
    const messages = new Set<string>();
    let largestBody = 0;
    const started = Date.now();
    for (let from = 0; from < TOTAL_SERIES; from += PER_REQUEST) {
      const count = Math.min(PER_REQUEST, TOTAL_SERIES - from);
      const body = burstBody(from, count, timeNs);
      largestBody = Math.max(largestBody, Buffer.byteLength(body));
      const res = await postJson(body);
      expect(res.status).toBe(200);
      const refused = Number(res.body.partialSuccess?.rejectedDataPoints ?? 0);
      rejected += refused;
      accepted += count - refused;
      if (res.body.partialSuccess?.errorMessage) messages.add(res.body.partialSuccess.errorMessage);
      // Ready during the burst, not just after it.
      if ((from / PER_REQUEST) % 10 === 0) expectStatus(await service.http.get('/health/ready'), 200);
    }
    const seconds = (Date.now() - started) / 1000;
    // eslint-disable-next-line no-console
    console.log(
      `cardinality burst: ${TOTAL_SERIES} series in ${Math.ceil(TOTAL_SERIES / PER_REQUEST)} requests ` +
        `(largest body ${largestBody} bytes) took ${seconds.toFixed(1)} s, ${Math.round(TOTAL_SERIES / seconds)} points/s`,
    );

    expect(largestBody).toBeLessThan(MAX_BODY);
    expect(accepted).toBe(SERIES_LIMIT);
    expect(rejected).toBe(TOTAL_SERIES - SERIES_LIMIT);
    expect(messages.size).toBeGreaterThan(0);
    for (const message of messages) expect(message).toContain(`series limit (${SERIES_LIMIT} series per metric; at the limit: ${METRIC})`);

    expectStatus(await service.http.get('/health/ready'), 200);
    expect(service.alive).toBe(true);

    // A series it kept is still accepted afterwards.
    const later = (BigInt(Date.now()) * 1_000_000n + 1_000_000n).toString();
    const known = await postJson(burstBody(0, 1, later));
    expect(known.status).toBe(200);
    expect(known.body).toEqual({});
  }, 300_000);
});
