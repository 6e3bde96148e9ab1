import { describe, expect, it } from '@jest/globals';
import { TrackerError } from '../tracker-client';
import { jiraIssueKey } from './jira-issue-key';

describe('jiraIssueKey', () => {
  it('gives the key in its one spelling', () => {
    expect(jiraIssueKey('jira', 'ops-007')).toBe('OPS-7');
  });

  it.each(['OPS-0', 'OPS 1', 'acme/checkout#1', 'https://acme.atlassian.net/browse/OPS-1'])(
    'refuses %j as the tracker refuses a request',
    (key) => {
      let thrown: unknown;
      try {
        jiraIssueKey('jira', key);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(TrackerError);
      expect(thrown).toMatchObject({ kind: 'refused', tracker: 'jira' });
      expect((thrown as TrackerError).message).toContain('PROJ-42');
    },
  );
});
