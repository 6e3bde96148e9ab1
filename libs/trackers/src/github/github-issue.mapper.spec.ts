import { type GitHubIssueFields, isPullRequest, toTrackerIssue } from './github-issue.mapper';

function issue(overrides: Partial<GitHubIssueFields> = {}): GitHubIssueFields {
  return {
    number: 12,
    repository_url: 'https://api.github.com/repos/acme/checkout',
    html_url: 'https://github.com/acme/checkout/issues/12',
    title: 'Add a retry budget',
    body: 'Body',
    state: 'open',
    state_reason: null,
    created_at: '2026-11-01T09:00:00Z',
    closed_at: null,
    milestone: null,
    labels: [{ name: 'corrective-action' }, 'plain-string'],
    ...overrides,
  };
}

describe('toTrackerIssue', () => {
  it('maps an open issue', () => {
    expect(toTrackerIssue(issue())).toEqual({
      key: 'acme/checkout#12',
      url: 'https://github.com/acme/checkout/issues/12',
      title: 'Add a retry budget',
      body: 'Body',
      state: 'open',
      closeReason: null,
      createdAt: new Date('2026-11-01T09:00:00Z'),
      closedAt: null,
      dueAt: null,
      labels: ['corrective-action', 'plain-string'],
      components: [],
      priority: null,
    });
  });

  it.each([
    ['completed', 'completed'],
    ['not_planned', 'not_planned'],
    ['duplicate', 'not_planned'],
    [null, null],
    [undefined, null],
  ] as const)('reads a close reason of %s as %s', (reason, expected) => {
    const closed = toTrackerIssue(issue({ state: 'closed', state_reason: reason, closed_at: '2026-11-09T00:00:00Z' }));
    expect(closed.closeReason).toBe(expected);
    expect(closed.closedAt).toEqual(new Date('2026-11-09T00:00:00Z'));
  });

  it('reads a reopened issue as open, without a reason', () => {
    expect(toTrackerIssue(issue({ state: 'open', state_reason: 'reopened' })).closeReason).toBeNull();
  });

  it("takes the due date from the milestone, and the key from an Enterprise Server's API URL", () => {
    const mapped = toTrackerIssue(
      issue({
        repository_url: 'https://ghe.example.com/api/v3/repos/platform/edge-proxy',
        milestone: { due_on: '2026-12-31T08:00:00Z' },
        body: null,
      }),
    );
    expect(mapped.key).toBe('platform/edge-proxy#12');
    expect(mapped.dueAt).toEqual(new Date('2026-12-31T08:00:00Z'));
    expect(mapped.body).toBe('');
  });
});

describe('isPullRequest', () => {
  it('tells pull requests from issues', () => {
    expect(isPullRequest(issue({ pull_request: { url: 'https://api.github.com/repos/acme/checkout/pulls/12' } }))).toBe(
      true,
    );
    expect(isPullRequest(issue())).toBe(false);
  });
});
