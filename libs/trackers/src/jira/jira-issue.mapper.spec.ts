import { toTrackerIssue } from './jira-issue.mapper';

describe('toTrackerIssue', () => {
  it('reads a done issue, its offsets and its names', () => {
    const issue = toTrackerIssue('https://acme.atlassian.net/', {
      key: 'OPS-7',
      fields: {
        summary: 'Fix it',
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'why' }] }],
        },
        status: { name: 'Closed', statusCategory: { key: 'done' } },
        resolution: { name: 'Declined' },
        resolutiondate: '2026-02-01T10:00:00.000+0200',
        created: '2026-01-05T10:00:00.000+0000',
        duedate: null,
        labels: ['a', 3],
        components: [{ name: 'payments' }, { id: '1' }],
        priority: null,
      },
    });
    expect(issue).toEqual({
      key: 'OPS-7',
      url: 'https://acme.atlassian.net/browse/OPS-7',
      title: 'Fix it',
      body: 'why',
      state: 'closed',
      closeReason: 'not_planned',
      createdAt: new Date('2026-01-05T10:00:00Z'),
      closedAt: new Date('2026-02-01T08:00:00Z'),
      dueAt: null,
      labels: ['a'],
      components: ['payments'],
      priority: null,
    });
  });

  it('keeps an issue open, without close date, while its status category is not done', () => {
    const issue = toTrackerIssue('https://x.test', {
      key: 'OPS-1',
      fields: { status: { statusCategory: { key: 'indeterminate' } }, resolutiondate: '2026-02-01T10:00:00.000+0000' },
    });
    expect(issue).toMatchObject({ state: 'open', closeReason: null, closedAt: null, body: '', labels: [] });
  });
});
