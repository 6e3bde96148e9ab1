import { ApiRequestError, ServerUnreachable } from './errors';

/*
 * Stand-in for the CLI's API client (the CLI branch has the real one; the lead keeps that at
 * merge): the same constructor and methods, over fetch, without retries or progress.
 */

type Query = Record<string, string | number | boolean | undefined>;

export class ApiClient {
  constructor(private readonly opts: { baseUrl: string; key?: string; timeoutMs?: number }) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, undefined, query);
  }

  /** Every item of a paginated list, following `nextCursor`. */
  async getAll<T>(path: string, query?: Query): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<{ items: T[]; nextCursor: string | null }>(path, { ...query, limit: 200, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async delete(path: string): Promise<void> {
    await this.request<void>('DELETE', path);
  }

  private async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const url = new URL(path, this.opts.baseUrl);
    for (const [name, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(this.opts.key ? { authorization: `Bearer ${this.opts.key}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ServerUnreachable(this.opts.baseUrl, error);
    }
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = (parsed as { message?: unknown } | undefined)?.message;
      throw new ApiRequestError(response.status, parsed, typeof message === 'string' ? message : response.statusText);
    }
    return parsed as T;
  }
}
