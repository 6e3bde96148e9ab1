import autocannon from 'autocannon';
import { expectStatus, HttpClient } from './http-client';

/** A load run against a running service: who, how hard, how long. */
export interface LoadOptions {
  baseUrl: string;
  /** An editor key: the mix writes post-mortems and actions and reads them back. */
  key: string;
  seconds: number;
  connections: number;
  /** The team (and service name) every write carries, so the run's rows are found again. */
  tag: string;
}

/** One write the service acknowledged (2xx), and the titles it may show now. */
interface Acknowledged {
  path: string;
  /** The title of the newest acknowledged write, then of any write sent later without an answer. */
  titles: string[];
}

export interface LoadResult {
  requests: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  serverErrors: number;
  /** Connection errors and timeouts (no answer at all). */
  connectionErrors: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Post-mortems and actions created, and actions renamed, that the service acknowledged. */
  acknowledgedWrites: number;
  /** Acknowledged writes that read back with another title, or not at all: `path: why`. */
  lost: string[];
}

interface ConnectionContext {
  postmortemId?: string;
  actionId?: string;
  sentTitle?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * A mix of the writes and reads an SRE team makes (docs/operation.md, "Load"): each connection
 * opens a post-mortem, adds an action to it, reads and renames the action, and reads the lists,
 * the burndown and the flags. Every acknowledged write is read back after the run.
 */
export async function runLoadMix(options: LoadOptions): Promise<LoadResult> {
  const acknowledged = new Map<string, Acknowledged>();
  let sequence = 0;
  const title = (what: string): string => `${what} ${options.tag} ${++sequence}`;
  const remember = (path: string, sent: string): void => {
    acknowledged.set(path, { path, titles: [sent] });
  };

  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/v1/postmortems',
      headers: JSON_HEADERS,
      setupRequest: (request, context: ConnectionContext) => {
        context.sentTitle = title('Checkout returned 500s');
        const body = {
          kind: 'incident',
          title: context.sentTitle,
          severity: 'SEV3',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          services: [options.tag],
        };
        return { ...request, body: JSON.stringify(body) };
      },
      onResponse: (status, body, context: ConnectionContext) => {
        if (status !== 201) return;
        context.postmortemId = JSON.parse(body).id;
        remember(`/api/v1/postmortems/${context.postmortemId}`, context.sentTitle!);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/actions',
      headers: JSON_HEADERS,
      setupRequest: (request, context: ConnectionContext) => {
        context.sentTitle = title('Add a retry budget');
        const body = { title: context.sentTitle, ownerTeam: options.tag, postmortemId: context.postmortemId ?? null };
        return { ...request, body: JSON.stringify(body) };
      },
      onResponse: (status, body, context: ConnectionContext) => {
        if (status !== 201) return;
        context.actionId = JSON.parse(body).id;
        remember(`/api/v1/actions/${context.actionId}`, context.sentTitle!);
      },
    },
    {
      method: 'GET',
      setupRequest: (request, context: ConnectionContext) => ({
        ...request,
        path: context.actionId ? `/api/v1/actions/${context.actionId}` : '/api/v1/actions?limit=1',
      }),
    },
    {
      method: 'PATCH',
      headers: JSON_HEADERS,
      setupRequest: (request, context: ConnectionContext) => {
        if (!context.actionId) return { ...request, method: 'GET', path: '/api/v1/actions?limit=1', body: undefined };
        context.sentTitle = title('Add a retry budget, renamed');
        // Sent without an answer yet: the row may show it even if the answer never comes.
        acknowledged.get(`/api/v1/actions/${context.actionId}`)?.titles.push(context.sentTitle);
        return {
          ...request,
          path: `/api/v1/actions/${context.actionId}`,
          body: JSON.stringify({ title: context.sentTitle }),
        };
      },
      onResponse: (status, _body, context: ConnectionContext) => {
        if (status === 200 && context.actionId) remember(`/api/v1/actions/${context.actionId}`, context.sentTitle!);
      },
    },
    { method: 'GET', path: `/api/v1/actions?team=${encodeURIComponent(options.tag)}&limit=20` },
    { method: 'GET', path: `/api/v1/burndown?team=${encodeURIComponent(options.tag)}` },
    { method: 'GET', path: '/api/v1/flags' },
    {
      method: 'GET',
      setupRequest: (request, context: ConnectionContext) =>
        context.postmortemId
          ? { ...request, path: `/api/v1/postmortems/${context.postmortemId}` }
          : { ...request, path: '/api/v1/postmortems?limit=5' },
    },
  ];

  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    headers: { authorization: `Bearer ${options.key}` },
    requests,
  });

  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stat]) => [status, stat.count ?? 0]),
  );
  const lost = await readBack(new HttpClient(options.baseUrl, options.key), [...acknowledged.values()]);
  return {
    requests: result.requests.total,
    statuses,
    serverErrors: result['5xx'],
    connectionErrors: result.errors + result.timeouts,
    p99Ms: result.latency.p99,
    requestsPerSecond: result.requests.average,
    acknowledgedWrites: acknowledged.size,
    lost,
  };
}

/** Reads every acknowledged row back; a row missing, or showing a title never sent after the acknowledged one, is lost. */
async function readBack(client: HttpClient, writes: Acknowledged[]): Promise<string[]> {
  const lost: string[] = [];
  for (const write of writes) {
    const res = await client.get(write.path);
    if (res.status !== 200) lost.push(`${write.path}: HTTP ${res.status}`);
    else if (!write.titles.includes(res.body.title))
      lost.push(`${write.path}: reads "${res.body.title}", acknowledged "${write.titles[0]}"`);
  }
  return lost;
}

/**
 * Gives the scorer work during the run: `count` actions of team `tag`, each with a success
 * metric on the built-in OTLP datasource checked every minute (no telemetry arrives, so each
 * check records no_data and, after three, a no_telemetry flag). Returns the actions' ids.
 */
export async function seedScoredMetrics(client: HttpClient, tag: string, count: number): Promise<string[]> {
  const actionIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const action = await client.post('/api/v1/actions', { title: `Scored ${tag} ${i}`, ownerTeam: tag });
    expectStatus(action, 201);
    const metric = await client.post(`/api/v1/actions/${action.body.id}/metrics`, {
      name: 'checkout p99',
      datasource: 'otlp',
      selector: { metric: 'http.server.request.duration', attributes: { 'service.name': tag }, statistic: 'p99' },
      direction: 'decrease',
      target: { relativePercent: 20 },
      checkEvery: '1m',
    });
    expectStatus(metric, 201);
    actionIds.push(action.body.id);
  }
  return actionIds;
}
