import { TrackerError } from '../tracker-client';
import { formatGitHubIssueKey, parseGitHubIssueKey } from './github-issue-key';

describe('parseGitHubIssueKey', () => {
  it.each([
    ['acme/checkout#123', { owner: 'acme', repo: 'checkout', number: 123 }],
    ['a/b#1', { owner: 'a', repo: 'b', number: 1 }],
    ['my-org/repo.name_2#42', { owner: 'my-org', repo: 'repo.name_2', number: 42 }],
    ['Acme/.github#7', { owner: 'Acme', repo: '.github', number: 7 }],
    ['octocat_acme/notes#2147483647', { owner: 'octocat_acme', repo: 'notes', number: 2147483647 }],
  ])('reads %s', (key, expected) => {
    expect(parseGitHubIssueKey('gh', key)).toEqual(expected);
    expect(formatGitHubIssueKey(parseGitHubIssueKey('gh', key))).toBe(key);
  });

  it.each([
    '',
    'acme/checkout',
    'acme/checkout#',
    'acme/checkout#0',
    'acme/checkout#012',
    'acme/checkout#-1',
    'acme/checkout#1.5',
    'acme/checkout#99999999999',
    'acme/checkout#2147483648',
    'acme#1',
    'acme/check/out#1',
    '-acme/checkout#1',
    'acme-/checkout#1',
    'ac--me/checkout#1',
    'acme/..#1',
    'acme/.#1',
    'acme/check out#1',
    ' acme/checkout#1',
    'acme/checkout#1 ',
    'acme/checkout#1\n',
    'OPS-42',
    'https://github.com/acme/checkout/issues/1',
    `${'a'.repeat(101)}/checkout#1`,
    `acme/${'r'.repeat(101)}#1`,
    'acme/checkout#1#2',
    'acme/check%2Fout#1',
  ])('refuses %j', (key) => {
    let thrown: unknown;
    try {
      parseGitHubIssueKey('gh', key);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(TrackerError);
    expect((thrown as TrackerError).kind).toBe('refused');
    expect((thrown as TrackerError).tracker).toBe('gh');
    expect((thrown as TrackerError).message).toContain('owner/repo#number');
  });
});
