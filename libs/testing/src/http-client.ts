/** A small HTTP client for black-box tests against a running service. */
export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface RequestOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    readonly defaultKey: string | null = null,
  ) {}

  withKey(key: string | null): HttpClient {
    return new HttpClient(this.baseUrl, key);
  }

  get<T = any>(path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}): Promise<HttpResult<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options: RequestOptions = {}): Promise<HttpResult<T>> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options: RequestOptions = {}): Promise<HttpResult<T>> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = any>(path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const key = options.key === undefined ? this.defaultKey : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | Uint8Array | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }
}

/** Fails with the response body in the message, which says far more than "expected 200, got 400". */
export function expectStatus(res: HttpResult, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
}
