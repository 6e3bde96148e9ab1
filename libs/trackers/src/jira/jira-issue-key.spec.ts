import { TrackerError } from '../tracker-client';
import { parseJiraIssueKey } from './jira-issue-key';

describe('parseJiraIssueKey', () => {
  it.each([
    ['OPS-1', 'OPS', 1],
    ['PROJ-42', 'PROJ', 42],
    ['A1_B-1234567', 'A1_B', 1234567],
  ])('reads %s', (key, project, number) => {
    expect(parseJiraIssueKey('jira', key)).toEqual({ project, number });
  });

  it.each([
    'ops-1',
    'OPS-0',
    'OPS-01',
    'OPS 1',
    ' OPS-1',
    'OPS-1 ',
    'OPS-',
    '-1',
    'O-1',
    '1OPS-1',
    'OPS-1-2',
    'https://acme.atlassian.net/browse/OPS-1',
    'acme/checkout#1',
    '',
  ])('refuses %j', (key) => {
    let thrown: unknown;
    try {
      parseJiraIssueKey('acme-jira', key);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TrackerError);
    expect(thrown).toMatchObject({ kind: 'refused', tracker: 'acme-jira' });
  });
});
