import { TrackerError } from '../tracker-client';
import { rateLimitWait, toTrackerError } from './github-error.mapper';

const NOW = Date.parse('2026-12-05T10:00:00Z');

function answered(status: number, headers: Record<string, string> = {}, message = 'Something'): unknown {
  return { status, message: 'HttpError', response: { headers, data: { message } } };
}

describe('toTrackerError', () => {
  it.each([
    [answered(500), 'unavailable'],
    [answered(502), 'unavailable'],
    [answered(503), 'unavailable'],
    [answered(401, {}, 'Bad credentials'), 'unauthorized'],
    [answered(404, {}, 'Not Found'), 'not_found'],
    [answered(410, {}, 'Issues are disabled'), 'refused'],
    [answered(422, {}, 'Validation Failed'), 'refused'],
    [answered(403, {}, 'Resource not accessible by personal access token'), 'refused'],
    [answered(403, { 'retry-after': '30' }), 'rate_limited'],
    [answered(429), 'rate_limited'],
    [
      { status: 500, message: 'Unknown Error', cause: { name: 'TypeError', cause: { code: 'ECONNREFUSED' } } },
      'unavailable',
    ],
    [new Error('socket hang up'), 'unavailable'],
  ])('maps %j to %s', (failure, kind) => {
    const error = toTrackerError('gh', 'get acme/x#1', failure, NOW);
    expect(error).toBeInstanceOf(TrackerError);
    expect(error.kind).toBe(kind);
    expect(error.tracker).toBe('gh');
    expect(error.message).toMatch(/^GitHub get acme\/x#1: /);
  });

  it("names GitHub's own words and the missing answer", () => {
    expect(toTrackerError('gh', 'label a/b#2', answered(422, {}, 'Validation Failed'), NOW).message).toBe(
      'GitHub label a/b#2: HTTP 422: Validation Failed',
    );
    const refused = {
      status: 500,
      message: 'Unknown Error',
      cause: { name: 'TypeError', cause: { code: 'ECONNREFUSED' } },
    };
    expect(toTrackerError('gh', 'get a/b#2', refused, NOW).message).toBe('GitHub get a/b#2: no answer (ECONNREFUSED)');
    const timedOut = { status: 500, message: 'Unknown Error', cause: { name: 'TimeoutError' } };
    expect(toTrackerError('gh', 'get a/b#2', timedOut, NOW).message).toBe('GitHub get a/b#2: no answer (timed out)');
  });

  it('passes a TrackerError through unchanged', () => {
    const original = new TrackerError('gh', 'refused', 'bad key');
    expect(toTrackerError('gh', 'x', original, NOW)).toBe(original);
  });
});

describe('rateLimitWait', () => {
  it.each([
    ['retry-after seconds', 403, { 'retry-after': '120' }, 'secondary rate limit', 120_000],
    ['retry-after on a 429', 429, { 'retry-after': '7' }, '', 7_000],
    ['retry-after of 0', 403, { 'retry-after': '0' }, '', 0],
    [
      'an exhausted primary limit, reset in 10 minutes',
      403,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 600) },
      'API rate limit exceeded',
      600_000,
    ],
    ['a reset already past', 429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) }, '', 0],
    ['a 429 with no hint', 429, {}, '', 60_000],
    ['a 403 that says rate limit', 403, {}, 'You have exceeded a secondary rate limit', 60_000],
  ])('%s', (_, status, headers, message, expected) => {
    expect(rateLimitWait(status, headers, message, NOW)).toBe(expected);
  });

  it.each([
    ['a 403 without signs of a limit', 403, { 'x-ratelimit-remaining': '4000' }, 'Must have admin rights'],
    ['a 404', 404, { 'retry-after': '5' }, ''],
    ['a 503 with retry-after', 503, { 'retry-after': '5' }, ''],
  ])('is not a rate limit: %s', (_, status, headers, message) => {
    expect(rateLimitWait(status, headers, message, NOW)).toBeNull();
  });
});
