/** How the fake GitHub answers a request: a status, a JSON body, headers beyond the usual ones. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RateLimitOptions {
  retryAfterSeconds: number;
  /** `secondary` answers with `retry-after`; `primary` with `x-ratelimit-remaining: 0` and a reset time. */
  kind?: 'secondary' | 'primary';
  status?: 403 | 429;
}

/** A rate-limited answer as GitHub gives it, for either of its two kinds of limit. */
export function rateLimited(now: number, options: RateLimitOptions): Answer {
  const { retryAfterSeconds, kind = 'secondary', status = 403 } = options;
  if (kind === 'secondary')
    return {
      status,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: errorBody(
        status,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      ),
    };
  return {
    status,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(Math.ceil(now / 1000) + retryAfterSeconds),
      'x-ratelimit-resource': 'core',
    },
    body: errorBody(status, 'API rate limit exceeded for user ID 1.'),
  };
}

/** One page of `items` as GitHub cuts it (`per_page`, `page`), with the `Link` header it sends. */
export function paginate<T>(
  items: T[],
  query: Record<string, string>,
  defaultPerPage: number,
  self: URL,
): { items: T[]; link: string | null } {
  const perPage = Math.min(Number(query.per_page ?? defaultPerPage), 100);
  const page = Math.max(Number(query.page ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const at = (n: number): string => {
    const url = new URL(self);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${at(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${at(1)}>; rel="first"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), link: rels.length ? rels.join(', ') : null };
}

export function errorBody(status: number, message: string): Record<string, unknown> {
  return { message, documentation_url: 'https://docs.github.com/rest', status: String(status) };
}

export function notFound(): Answer {
  return { status: 404, body: errorBody(404, 'Not Found') };
}

export function validationFailed(problems: string[]): Answer {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: problems.map((message) => ({ resource: 'Request', code: 'invalid', message })),
      documentation_url: 'https://docs.github.com/rest',
      status: '422',
    },
  };
}
