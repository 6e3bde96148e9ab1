import type { StoredIssue } from './github-objects';
import { matchesSearch, parseSearchQuery } from './github-search-query';

function stored(overrides: Partial<StoredIssue>): StoredIssue {
  const at = new Date('2026-11-01T00:00:00Z');
  return {
    id: 1,
    owner: 'acme',
    repo: 'checkout',
    number: 1,
    title: 'Add a circuit breaker',
    body: 'payment timeouts',
    labels: [],
    state: 'open',
    stateReason: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    milestoneDueOn: null,
    pullRequest: false,
    comments: [],
    ...overrides,
  };
}

describe('parseSearchQuery', () => {
  it('reads the qualifiers the service uses, labels repeated and quoted', () => {
    expect(
      parseSearchQuery('repo:Acme/Checkout is:issue is:open label:corrective-action label:"team: payments" breaker'),
    ).toEqual({
      repos: ['acme/checkout'],
      labels: ['corrective-action', 'team: payments'],
      kind: 'issue',
      state: 'open',
      words: ['breaker'],
    });
    expect(parseSearchQuery('state:closed type:pr').state).toBe('closed');
  });

  it('refuses a qualifier it does not implement, rather than ignoring it', () => {
    expect(() => parseSearchQuery('repo:acme/checkout author:octocat')).toThrow(/author:octocat/);
  });
});

describe('matchesSearch', () => {
  it.each([
    ['repo:acme/checkout', {}, true],
    ['repo:acme/other', {}, false],
    ['label:a label:b', { labels: ['A', 'b'] }, true],
    ['label:a label:b', { labels: ['a'] }, false],
    ['is:issue', { pullRequest: true }, false],
    ['is:pr', { pullRequest: true }, true],
    ['is:closed', {}, false],
    ['state:open', {}, true],
    ['breaker', {}, true],
    ['Payment', {}, true],
    ['missing', {}, false],
  ] as const)('%s on %j: %s', (q, overrides, expected) => {
    expect(
      matchesSearch(
        stored({ ...overrides, labels: [...((overrides as { labels?: string[] }).labels ?? [])] }),
        parseSearchQuery(q),
      ),
    ).toBe(expected);
  });
});
