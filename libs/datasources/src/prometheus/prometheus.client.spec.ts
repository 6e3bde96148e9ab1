import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rejectionOf } from '@app/testing/rejection';
import { CallAborted, DatasourceError } from '../metric-source';
import { PrometheusClient, type PrometheusClientOptions } from './prometheus.client';
import { type PrometheusHttpResponse, type PrometheusTransport, TransportFailure } from './prometheus.transport';

const fixture = (name: string) =>
  readFileSync(join(process.cwd(), 'libs/datasources/src/prometheus/__fixtures__', name), 'utf8');
const answer = (status: number, body: string, statusText = ''): PrometheusHttpResponse => ({
  status,
  statusText,
  body,
});

type Step = PrometheusHttpResponse | TransportFailure | (() => Promise<PrometheusHttpResponse>);

/** Answers from a script, one step per request; a request beyond the script fails the test. */
class ScriptedTransport implements PrometheusTransport {
  readonly calls: Array<{ path: string; form: Record<string, string> }> = [];

  constructor(private readonly script: Step[]) {}

  readonly signals: Array<AbortSignal | undefined> = [];

  readonly methods: string[] = [];

  post(path: string, form: URLSearchParams, signal?: AbortSignal): Promise<PrometheusHttpResponse> {
    return this.answer('POST', path, form, signal);
  }

  get(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<PrometheusHttpResponse> {
    return this.answer('GET', path, params, signal);
  }

  private async answer(
    method: string,
    path: string,
    form: URLSearchParams,
    signal?: AbortSignal,
  ): Promise<PrometheusHttpResponse> {
    this.methods.push(method);
    this.calls.push({ path, form: Object.fromEntries(form) });
    this.signals.push(signal);
    const step = this.script.shift();
    if (!step) throw new Error(`unexpected request #${this.calls.length} to ${path}`);
    if (step instanceof TransportFailure) throw step;
    return typeof step === 'function' ? step() : step;
  }
}

function clientWith(script: Step[], maxConcurrency = 4, extra: Partial<PrometheusClientOptions> = {}) {
  const transport = new ScriptedTransport(script);
  const slept: number[] = [];
  const client = new PrometheusClient(transport, {
    datasource: 'prom',
    maxConcurrency,
    retry: { random: () => 0.5, sleep: async (ms) => void slept.push(ms) },
    ...extra,
  });
  return { client, transport, slept };
}

const failure = (promise: Promise<unknown>): Promise<DatasourceError> => rejectionOf(promise, DatasourceError);

const RANGE = { start: 1_700_000_000_000, end: 1_700_003_600_500, stepMs: 60_000 };

describe('PrometheusClient', () => {
  it('POSTs a range query with start, end and step in seconds, and returns data with warnings', async () => {
    const { client, transport } = clientWith([answer(200, fixture('warnings.json'))]);
    const result = await client.queryRange('sum(rate(http_requests_total[5m]))', RANGE);
    expect(transport.calls).toEqual([
      {
        path: '/api/v1/query_range',
        form: { query: 'sum(rate(http_requests_total[5m]))', start: '1700000000', end: '1700003600.5', step: '60' },
      },
    ]);
    expect(result.data).toEqual({
      resultType: 'matrix',
      series: [{ labels: { job: 'api' }, samples: [{ at: 1_700_000_000_000, value: 3 }] }],
    });
    expect(result.warnings).toHaveLength(1);
  });

  it('POSTs an instant query with its evaluation time in seconds', async () => {
    const { client, transport } = clientWith([answer(200, fixture('scalar.json'))]);
    const result = await client.query('scalar(up)', 1_435_781_451_781);
    expect(transport.calls).toEqual([{ path: '/api/v1/query', form: { query: 'scalar(up)', time: '1435781451.781' } }]);
    expect(result.data).toEqual({ resultType: 'scalar', sample: { at: 1_435_781_451_781, value: 2 } });
  });

  it('GETs a label’s values with its selectors and limit, through the same retries as a query', async () => {
    const values = '{"status":"success","data":["http_requests_total","up"]}';
    const { client, transport } = clientWith([answer(502, '', 'Bad Gateway'), answer(200, values)]);
    const result = await client.labelValues('__name__', { match: ['{__name__=~"h.*"}'], limit: 3 });
    expect(transport.methods).toEqual(['GET', 'GET']);
    expect(transport.calls[1]).toEqual({
      path: '/api/v1/label/__name__/values',
      form: { 'match[]': '{__name__=~"h.*"}', limit: '3' },
    });
    expect(result).toEqual({ data: ['http_requests_total', 'up'], warnings: [] });
  });

  it('maps label values that are not a list of strings to bad_response', async () => {
    const { client } = clientWith([answer(200, '{"status":"success","data":[1]}')]);
    const error = await failure(client.labelValues('__name__'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toMatch(/value 1 is not a string/);
  });

  it.each([
    [
      '400 bad_data',
      400,
      fixture('error-bad-data.json'),
      'invalid parameter "query": 1:10: parse error: unexpected end of input in aggregation',
    ],
    [
      '422 execution',
      422,
      fixture('error-execution.json'),
      expect.stringContaining('many-to-many matching not allowed'),
    ],
    [
      'VictoriaMetrics-style 422',
      422,
      '{"status":"error","errorType":"422","error":"cannot parse \\"sum(\\""}',
      'cannot parse "sum("',
    ],
  ])('maps %s to bad_query with the backend’s own message, without retrying', async (_case, status, body, message) => {
    const { client, transport, slept } = clientWith([answer(status, body)]);
    const error = await failure(client.queryRange('sum(', RANGE));
    expect({ kind: error.kind, message: error.message, datasource: error.datasource }).toEqual({
      kind: 'bad_query',
      message,
      datasource: 'prom',
    });
    expect(transport.calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it.each([
    ['a 200 that is not JSON', answer(200, '<html>login</html>'), /HTTP 200, not a Prometheus API response: not JSON/],
    ['an unknown resultType', answer(200, fixture('unknown-result-type.json')), /unexpected resultType "histogram"/],
    ['a 200 carrying an error envelope', answer(200, fixture('error-bad-data.json')), /HTTP 200 bad_data/],
    ['a 401 from a proxy', answer(401, 'Unauthorized', 'Unauthorized'), /HTTP 401, not a Prometheus API response/],
    [
      'a 404 with an error envelope',
      answer(404, '{"status":"error","errorType":"not_found","error":"no such route"}'),
      /HTTP 404 not_found: no such route/,
    ],
  ])('maps %s to bad_response, without retrying', async (_case, response, message) => {
    const { client, transport } = clientWith([response]);
    const error = await failure(client.queryRange('up', RANGE));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toMatch(message);
    expect(transport.calls).toHaveLength(1);
  });

  it('retries a 502 twice with full-jitter backoff, then reports the datasource unreachable', async () => {
    const bad = answer(502, '<html>Bad Gateway</html>', 'Bad Gateway');
    const { client, transport, slept } = clientWith([bad, bad, bad]);
    const error = await failure(client.queryRange('up', RANGE));
    expect([error.kind, error.message]).toEqual(['unreachable', 'HTTP 502 Bad Gateway (3 attempts)']);
    expect(transport.calls).toHaveLength(3);
    expect(slept).toEqual([50, 100]);
  });

  it('maps a 503 timeout envelope (the backend’s own query timeout) to timeout, without retrying', async () => {
    const busy = answer(503, fixture('error-timeout.json'));
    const { client, transport, slept } = clientWith([busy, busy, busy]);
    const error = await failure(client.query('up', 0));
    expect([error.kind, error.message]).toEqual([
      'timeout',
      'HTTP 503 timeout: query timed out in expression evaluation',
    ]);
    expect(transport.calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('maps a 504 from a gateway to timeout, without retrying', async () => {
    const late = answer(504, '<html>Gateway Time-out</html>', 'Gateway Time-out');
    const { client, transport } = clientWith([late, late, late]);
    const error = await failure(client.queryRange('up', RANGE));
    expect([error.kind, error.message]).toEqual(['timeout', 'HTTP 504 Gateway Time-out']);
    expect(transport.calls).toHaveLength(1);
  });

  it('maps an answer past the byte cap to too_many_series, without retrying', async () => {
    const flood = new TransportFailure('too_large', 'the answer is larger than 16 MiB');
    const { client, transport } = clientWith([flood, flood, flood]);
    const error = await failure(client.queryRange('up', RANGE));
    expect([error.kind, error.message]).toEqual([
      'too_many_series',
      'the answer is larger than 16 MiB, far more than one series can take: the query returns many series',
    ]);
    expect(transport.calls).toHaveLength(1);
  });

  it('succeeds when a retry does', async () => {
    const { client, transport, slept } = clientWith([answer(500, 'oops'), answer(200, fixture('scalar.json'))]);
    await expect(client.query('1', 0)).resolves.toMatchObject({ data: { resultType: 'scalar' } });
    expect(transport.calls).toHaveLength(2);
    expect(slept).toEqual([50]);
  });

  it('does not retry a timeout: the query may still be running on the backend', async () => {
    const late = new TransportFailure('timeout', 'no answer within 300 ms');
    const { client, transport, slept } = clientWith([late, late, late]);
    const error = await failure(client.queryRange('up', RANGE));
    expect([error.kind, error.message]).toEqual(['timeout', 'no answer within 300 ms']);
    expect(transport.calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('retries a reset connection', async () => {
    const { client, transport } = clientWith([
      new TransportFailure('reset', 'ECONNRESET: socket hang up'),
      answer(200, fixture('matrix-empty.json')),
    ]);
    await expect(client.queryRange('up', RANGE)).resolves.toEqual({
      data: { resultType: 'matrix', series: [] },
      warnings: [],
    });
    expect(transport.calls).toHaveLength(2);
  });

  it.each([
    ['refused', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1'],
    ['dns', 'ENOTFOUND: getaddrinfo ENOTFOUND prometheus.invalid'],
  ] as const)('does not retry a %s connection: unreachable at once', async (kind, message) => {
    const { client, transport, slept } = clientWith([new TransportFailure(kind, message)]);
    const error = await failure(client.queryRange('up', RANGE));
    expect([error.kind, error.message]).toEqual(['unreachable', message]);
    expect(transport.calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return answer(200, fixture('matrix-empty.json'));
    };
    const { client, transport } = clientWith(
      Array.from({ length: 9 }, () => slow),
      3,
    );
    await Promise.all(Array.from({ length: 9 }, () => client.queryRange('up', RANGE)));
    expect(transport.calls).toHaveLength(9);
    expect(peak).toBe(3);
  });

  it('hands the caller its signal, and a call the caller abandoned is neither retried nor a datasource error', async () => {
    const controller = new AbortController();
    const { client, transport, slept } = clientWith([
      () => {
        controller.abort();
        return Promise.reject(new TransportFailure('aborted', 'the caller gave up'));
      },
    ]);
    const error = await rejectionOf(client.queryRange('up', RANGE, controller.signal), CallAborted);
    expect(error.datasource).toBe('prom');
    expect(transport.signals).toEqual([controller.signal]);
    expect(transport.calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('does not send a call whose caller has already gone, and frees the slot of one that was', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client, transport } = clientWith([answer(200, fixture('scalar.json'))], 1);
    await rejectionOf(client.query('up', 0, controller.signal), CallAborted);
    expect(transport.calls).toEqual([]);
    // The one slot is free: the next call goes through.
    expect((await client.query('scalar(up)', 0)).data.resultType).toBe('scalar');
  });

  it('lets a caller waiting for a slot leave the queue', async () => {
    let release!: () => void;
    const held = new Promise<PrometheusHttpResponse>((resolve) => {
      release = () => resolve(answer(200, fixture('scalar.json')));
    });
    const { client, transport } = clientWith([() => held], 1);
    const first = client.query('scalar(up)', 0);
    const controller = new AbortController();
    const queued = client.query('up', 0, controller.signal);
    controller.abort();
    await rejectionOf(queued, CallAborted);
    release();
    await first;
    expect(transport.calls).toHaveLength(1);
  });

  describe('its circuit breaker', () => {
    const T0 = Date.parse('2026-03-01T12:00:00.000Z');
    const late = () => new TransportFailure('timeout', 'no answer within 300 ms');
    const empty = () => answer(200, fixture('matrix-empty.json'));

    /** A client whose circuit opens after 3 failures in a row for 30 s, on a clock the test moves. */
    function breakerClient(script: Step[], maxConcurrency = 4) {
      const clock = { now: T0 };
      const changes: string[] = [];
      const made = clientWith(script, maxConcurrency, {
        circuitBreaker: { failures: 3, coolDownMs: 30_000 },
        now: () => clock.now,
        onCircuitChange: (from, now) => changes.push(`${from} → ${now.state}`),
      });
      return { ...made, clock, changes };
    }

    it('opens after 3 timeouts in a row, then fails calls at once as unreachable without calling the backend', async () => {
      const { client, transport, clock } = breakerClient([late(), late(), late()]);
      for (let i = 0; i < 3; i++) expect((await failure(client.queryRange('up', RANGE))).kind).toBe('timeout');
      clock.now = T0 + 1_000;
      const error = await failure(client.queryRange('up', RANGE));
      expect(error).toMatchObject({ kind: 'unreachable', datasource: 'prom' });
      expect(error.message).toBe(
        'circuit open since 2026-03-01T12:00:00.000Z after 3 failures in a row ' +
          '(last: timeout: no answer within 300 ms); retrying at 2026-03-01T12:00:30.000Z',
      );
      // Validating a query fails the same way.
      expect((await failure(client.query('up', 0))).kind).toBe('unreachable');
      expect(transport.calls).toHaveLength(3);
      expect(client.circuit).toMatchObject({ state: 'open', failures: 3, openSince: T0 });
    });

    it('counts refused connections and 5xx after their retries as the backend down', async () => {
      const bad = answer(502, '<html>Bad Gateway</html>', 'Bad Gateway');
      const refused = new TransportFailure('refused', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1');
      const { client, transport } = breakerClient([refused, bad, bad]);
      expect((await failure(client.queryRange('up', RANGE))).message).toMatch(/^ECONNREFUSED/);
      // The 502's retry finds the circuit open after its second attempt: two attempts, not three.
      const error = await failure(client.queryRange('up', RANGE));
      expect(error.message).toMatch(/^circuit open since .* \(last: unreachable: HTTP 502 Bad Gateway\)/);
      expect(transport.calls).toHaveLength(3);
    });

    it.each([
      ['a refused query (400 bad_data)', () => answer(400, fixture('error-bad-data.json'))],
      ['an answer that is not the Prometheus API', () => answer(200, '<html>login</html>')],
      ['no data', empty],
      ['too many series', () => new TransportFailure('too_large', 'the answer is larger than 16 MiB')],
    ])('takes %s as an answer: the count of failures starts over', async (_case, answered) => {
      const { client } = breakerClient([late(), late(), answered(), late(), late(), empty()]);
      for (let i = 0; i < 5; i++) await client.queryRange('up', RANGE).catch(() => undefined);
      expect(client.circuit).toMatchObject({ state: 'closed', failures: 2 });
      await expect(client.queryRange('up', RANGE)).resolves.toBeDefined();
      expect(client.circuit).toMatchObject({ state: 'closed', failures: 0 });
    });

    it('fails the calls queued behind a wave of timeouts at once when that wave opens it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const hang = async (): Promise<PrometheusHttpResponse> => {
        await gate;
        throw late();
      };
      const { client, transport } = breakerClient([hang, hang, hang], 3);
      const calls = Array.from({ length: 10 }, () => failure(client.queryRange('up', RANGE)));
      release();
      const errors = await Promise.all(calls);
      expect(errors.map((e) => e.kind)).toEqual([...Array(3).fill('timeout'), ...Array(7).fill('unreachable')]);
      expect(transport.calls).toHaveLength(3);
    });

    it('lets one trial call through after the cool-down: its answer closes the circuit', async () => {
      const { client, transport, clock, changes } = breakerClient([late(), late(), late(), empty(), empty()]);
      for (let i = 0; i < 3; i++) await failure(client.queryRange('up', RANGE));
      clock.now = T0 + 30_000;
      expect(client.circuit.state).toBe('half_open');
      await expect(client.queryRange('up', RANGE)).resolves.toBeDefined();
      expect(client.circuit.state).toBe('closed');
      await expect(client.queryRange('up', RANGE)).resolves.toBeDefined();
      expect(transport.calls).toHaveLength(5);
      // What the datasource's log hears.
      expect(changes).toEqual(['closed → open', 'open → half_open', 'half_open → closed']);
    });

    it('opens again when the trial call fails, and then fails the calls that waited for the trial', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const trial = async (): Promise<PrometheusHttpResponse> => {
        await gate;
        throw late();
      };
      const { client, transport, clock } = breakerClient([late(), late(), late(), trial]);
      for (let i = 0; i < 3; i++) await failure(client.queryRange('up', RANGE));
      clock.now = T0 + 30_000;
      const trialCall = failure(client.queryRange('up', RANGE));
      const during = failure(client.queryRange('up', RANGE));
      release();
      expect((await trialCall).kind).toBe('timeout');
      expect((await during).message).toMatch(/^circuit open since .* after 4 failures in a row .*; retrying at /);
      expect(client.circuit).toMatchObject({ state: 'open', failures: 4, openSince: T0, retryAt: T0 + 60_000 });
      expect((await failure(client.queryRange('up', RANGE))).message).toMatch(/retrying at 2026-03-01T12:01:00.000Z$/);
      expect(transport.calls).toHaveLength(4);
    });
  });
});
