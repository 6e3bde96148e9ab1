import { ApiRequestError, fieldOf, ServerUnreachable } from './errors';

export type Query = Record<string, string | number | boolean | undefined>;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A client of the public API (docs/api.md) over Node's fetch, authenticated by an API key. */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly key?: string;
  private readonly timeoutMs: number;

  constructor(opts: { baseUrl: string; key?: string; timeoutMs?: number }) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.key = opts.key;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  /** Every item of a paginated list, following `nextCursor` (docs/api.md, "Pagination"). */
  async getAll<T>(path: string, query?: Query): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<Page<T>>(path, { limit: 200, ...query, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  /** A route that answers text (the post-mortem write-up in Markdown or HTML). */
  getText(path: string, query?: Query): Promise<string> {
    return this.request<string>('GET', path, { query, text: true });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  /** A body that is a file as it is (a CSV import), not JSON. */
  postFile<T>(path: string, file: { text: string; contentType: string }, query?: Query): Promise<T> {
    return this.request<T>('POST', path, { query, file });
  }

  /** A POST whose answer is text (a page rendered for preview). */
  postForText(path: string, body: unknown): Promise<string> {
    return this.request<string>('POST', path, { body, text: true });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  async delete(path: string): Promise<void> {
    await this.request<unknown>('DELETE', path, {});
  }

  private url(path: string, query?: Query): URL {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    return url;
  }

  private async request<T>(
    method: string,
    path: string,
    opts: { query?: Query; body?: unknown; file?: { text: string; contentType: string }; text?: boolean },
  ) {
    const headers: Record<string, string> = {
      accept: opts.text ? 'text/markdown, text/html, */*' : 'application/json',
    };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.file !== undefined) headers['content-type'] = opts.file.contentType;
    let res: Response;
    try {
      res = await fetch(this.url(path, opts.query), {
        method,
        headers,
        body: opts.file?.text ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ServerUnreachable(this.baseUrl, unreachableReason(err));
    }
    const raw = await res.text();
    if (!res.ok) throw requestError(res, raw);
    if (opts.text) return raw as T;
    return (raw === '' ? undefined : JSON.parse(raw)) as T;
  }
}

function requestError(res: Response, raw: string): ApiRequestError {
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // Not JSON (a proxy's page): the text itself is the best message there is.
  }
  const apiMessage = (body as { message?: unknown })?.message;
  const message = Array.isArray(apiMessage)
    ? apiMessage.join('; ')
    : typeof apiMessage === 'string'
      ? apiMessage
      : `${res.status} ${res.statusText}`;
  return new ApiRequestError(res.status, body, message, res.status === 400 ? fieldOf(message) : undefined);
}

/** Why fetch failed, in words: its cause's code (ECONNREFUSED, ENOTFOUND) or the timeout. */
function unreachableReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
