import { JqlError, parseJql, type JqlIssue } from './jira-jql';

const issue = (key: string, overrides: Partial<JqlIssue> = {}): JqlIssue => ({
  key,
  project: key.split('-')[0],
  labels: [],
  status: 'To Do',
  statusCategory: { key: 'new', name: 'To Do' },
  resolution: null,
  created: new Date('2026-01-01T00:00:00Z'),
  updated: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

const issues = [
  issue('OPS-1', { labels: ['postmortem'], updated: new Date('2026-01-03T12:00:00Z') }),
  issue('OPS-2', { labels: ['other'], updated: new Date('2026-01-02T00:00:00Z') }),
  issue('OPS-3', {
    labels: ['postmortem', 'x'],
    status: 'Done',
    statusCategory: { key: 'done', name: 'Done' },
    resolution: "Won't Do",
    updated: new Date('2026-01-05T00:00:00Z'),
  }),
  issue('WEB-1', { labels: ['postmortem'] }),
];

const run = (jql: string) => {
  const query = parseJql(jql);
  return issues
    .filter((i) => query.matches(i))
    .sort((a, b) => query.compare(a, b))
    .map((i) => i.key);
};

describe('the fake Jira JQL subset', () => {
  it.each([
    ['project = OPS AND labels = postmortem', ['OPS-3', 'OPS-1']],
    ['project = "OPS" and labels = "postmortem" ORDER BY key ASC', ['OPS-1', 'OPS-3']],
    ['key in (OPS-2, WEB-1) ORDER BY key', ['OPS-2', 'WEB-1']],
    ['issuekey = ops-2', ['OPS-2']],
    ['project = OPS AND updated >= "2026-01-02 00:00" ORDER BY updated DESC', ['OPS-3', 'OPS-1', 'OPS-2']],
    ['project = OPS AND updated > "2026/01/03"', ['OPS-3', 'OPS-1']],
    ['project = OPS AND statusCategory = Done', ['OPS-3']],
    ['project = OPS AND resolution = EMPTY', ['OPS-2', 'OPS-1']],
    ["project = OPS AND resolution in ('Won\\'t Do')", ['OPS-3']],
    ['project = OPS AND labels != postmortem', ['OPS-2']],
    ['project not in (OPS)', ['WEB-1']],
  ])('%s', (jql, keys) => {
    expect(run(jql)).toEqual(keys);
  });

  it.each([
    ['ORDER BY created', /Unbounded/],
    ['', /Unbounded/],
    ['project = OPS OR labels = x', /only AND/],
    ['summary ~ "x"', /Field 'summary' does not exist/],
    ['labels > x', /operator '>' is not supported/],
    ['assignee = currentUser()', /Field 'assignee'/],
    ['project in projectsWhereUserHasRole(x)', /Expecting '\('/],
    ['project = currentProject()', /functions/],
    ['updated >= -7d', /Date value '-7d'/],
    ['project = OPS ORDER BY summary', /cannot be used to order/],
    ['project = ', /Expecting more/],
    ['project = OPS ; drop', /reserved JQL character/],
  ])('refuses %j', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});
