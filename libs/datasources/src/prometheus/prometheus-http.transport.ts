import axios, { type AxiosInstance, isAxiosError } from 'axios';
import {
  type PrometheusHttpResponse,
  type PrometheusMethod,
  type PrometheusTransport,
  TransportFailure,
  type TransportFailureKind,
} from './prometheus.transport';

/**
 * The most bytes of one answer that are read (after decompression). One series can hold at most
 * 11,000 points (Prometheus's own limit), well under 1 MiB: an answer past this is many series, and
 * reading it whole would cost memory and event-loop time (docs/operation.md, "Datasource calls").
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface HttpTransportOptions {
  url: string;
  headers?: Record<string, string>;
  /** Deadline of each call, from sending the request to the last byte of the answer. */
  timeoutMs: number;
  /** Defaults to MAX_RESPONSE_BYTES; smaller in specs. */
  maxResponseBytes?: number;
}

/** The axios transport: one instance per datasource, carrying its base URL and headers. */
export class PrometheusHttpTransport implements PrometheusTransport {
  private readonly http: AxiosInstance;

  constructor(private readonly options: HttpTransportOptions) {
    const base = new URL(options.url);
    // Credentials in the URL become basic auth explicitly, and never appear in an error message.
    const auth = base.username
      ? { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) }
      : undefined;
    base.username = '';
    base.password = '';
    this.http = axios.create({
      // axios joins baseURL and path by string, so a path prefix (Mimir's /prometheus) survives.
      baseURL: base.toString(),
      auth,
      headers: { Accept: 'application/json', ...options.headers },
      timeout: options.timeoutMs,
      responseType: 'text',
      // axios counts the decoded bytes as they arrive and destroys the stream past the cap, so a
      // 200 MB answer costs 16 MiB of memory, not 2 GB, and is refused in well under a second.
      maxContentLength: this.maxResponseBytes,
      // The parser decides what a body means; every status is an answer to classify, not a throw.
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      // A redirected POST comes back as a GET without the form: better a clear bad_response.
      maxRedirects: 0,
    });
  }

  private get maxResponseBytes(): number {
    return this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  }

  post(path: string, form: URLSearchParams, signal?: AbortSignal): Promise<PrometheusHttpResponse> {
    return this.send('POST', path, form, signal);
  }

  get(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<PrometheusHttpResponse> {
    return this.send('GET', path, params, signal);
  }

  private async send(
    method: PrometheusMethod,
    path: string,
    params: URLSearchParams,
    signal?: AbortSignal,
  ): Promise<PrometheusHttpResponse> {
    // axios's own `timeout` is a socket-idle timeout; this deadline also stops a server that
    // trickles bytes forever.
    const controller = new AbortController();
    // Either ends the request: axios destroys its socket, so the backend sees the connection close
    // (and Prometheus cancels the query's context).
    const ended = signal ? AbortSignal.any([controller.signal, signal]) : controller.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    try {
      const response =
        method === 'POST'
          ? await this.http.post<string>(path, params.toString(), {
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              signal: ended,
            })
          : await this.http.get<string>(`${path}?${params.toString()}`, { signal: ended });
      return {
        status: response.status,
        statusText: response.statusText,
        body: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
      };
    } catch (error) {
      if (!timedOut && signal?.aborted) throw new TransportFailure('aborted', 'the caller gave up');
      throw this.failure(error, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  private failure(error: unknown, timedOut: boolean): TransportFailure {
    const code = isAxiosError(error) ? error.code : (error as NodeJS.ErrnoException | undefined)?.code;
    if (!timedOut && isAxiosError(error) && /maxContentLength/.test(error.message))
      return new TransportFailure('too_large', `the answer is larger than ${formatBytes(this.maxResponseBytes)}`);
    const kind: TransportFailureKind = timedOut ? 'timeout' : classify(code);
    const reason =
      kind === 'timeout'
        ? `no answer within ${this.options.timeoutMs} ms`
        : `${code ?? 'network error'}: ${(error as Error).message}`;
    return new TransportFailure(kind, reason);
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function classify(code: string | undefined): TransportFailureKind {
  switch (code) {
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
    case 'ERR_CANCELED':
      return 'timeout';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    default:
      return 'network';
  }
}
