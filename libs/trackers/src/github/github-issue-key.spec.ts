import { describe, expect, it } from '@jest/globals';
import { TrackerError } from '../tracker-client';
import { githubIssueKey } from './github-issue-key';

describe('githubIssueKey', () => {
  it('reads a key in its one spelling', () => {
    expect(githubIssueKey('gh', 'Acme/Checkout#012')).toMatchObject({ owner: 'acme', repo: 'checkout', number: 12 });
  });

  it.each(['OPS-42', 'acme/checkout', 'acme/..#1'])('refuses %j as the tracker refuses a request', (key) => {
    let thrown: unknown;
    try {
      githubIssueKey('gh', key);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(TrackerError);
    expect(thrown).toMatchObject({ kind: 'refused', tracker: 'gh' });
    expect((thrown as TrackerError).message).toContain('owner/repo#123');
  });
});
