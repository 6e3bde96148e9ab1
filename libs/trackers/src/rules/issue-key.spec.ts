import { describe, expect, it } from '@jest/globals';
import { DomainError, DomainErrorCode } from '@app/domain';
import { parseIssueKey } from './issue-key';

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(DomainErrorCode.InvalidInput);
    return err as DomainError;
  }
  throw new Error('expected a refusal, got none');
}

describe('parseIssueKey: GitHub', () => {
  it.each([
    ['acme/checkout#123', 'acme/checkout#123', 'acme', 'checkout', 123],
    ['Acme/Checkout#123', 'acme/checkout#123', 'acme', 'checkout', 123],
    ['  acme/checkout#123 \n', 'acme/checkout#123', 'acme', 'checkout', 123],
    ['acme/checkout#007', 'acme/checkout#7', 'acme', 'checkout', 7],
    ['my-org/repo.name_2#1', 'my-org/repo.name_2#1', 'my-org', 'repo.name_2', 1],
    ['a/b#2147483647', 'a/b#2147483647', 'a', 'b', 2147483647],
    ['octocat_acme/notes#2', 'octocat_acme/notes#2', 'octocat_acme', 'notes', 2],
    ['Acme/.github#7', 'acme/.github#7', 'acme', '.github', 7],
    [
      `${'o'.repeat(39)}/${'r'.repeat(100)}#1`,
      `${'o'.repeat(39)}/${'r'.repeat(100)}#1`,
      'o'.repeat(39),
      'r'.repeat(100),
      1,
    ],
  ])('%j → %s', (raw, key, owner, repo, number) => {
    expect(parseIssueKey('github', raw)).toEqual({ type: 'github', key, owner, repo, number });
  });

  it.each([
    ['acme/checkout-123', /no "#" before the issue number/],
    ['checkout#123', /one "\/" between owner and repository/],
    ['acme/team/checkout#1', /one "\/" between owner and repository/],
    ['-acme/checkout#1', /the owner is/],
    ['ac--me/checkout#1', /the owner is/],
    ['acme/..#1', /the repository is/],
    ['acme/.#1', /the repository is/],
    ['acme/check out#1', /the repository is/],
    ['acme/check%2Fout#1', /the repository is/],
    ['acme/checkout#1#2', /the repository is/],
    ['acme/checkout#2147483648', /the issue number/],
    ['acme/checkout#0', /the issue number/],
    ['acme/checkout#1.5', /the issue number/],
    ['https://github.com/acme/checkout/issues/1', /no "#"/],
    ['acme-/checkout#1', /the owner is/],
    ['ac--me/checkout#1', /the owner is/],
    [`${'o'.repeat(101)}/checkout#1`, /the owner is/],
    ['/checkout#1', /the owner is/],
    ['acme/#1', /the repository is/],
    ['acme/check out#1', /the repository is/],
    ['acme/./#1'.replace('/#', '#'), /the repository is/],
    ['acme/..#1', /the repository is/],
    [`acme/${'r'.repeat(101)}#1`, /the repository is/],
    ['acme/checkout#', /whole number from 1/],
    ['acme/checkout#0', /whole number from 1/],
    ['acme/checkout#-1', /whole number from 1/],
    ['acme/checkout#1.5', /whole number from 1/],
    ['acme/checkout#12a', /whole number from 1/],
    ['acme/checkout#1234567890123456', /whole number from 1/],
    ['OPS-42', /no "#"/],
  ])('refuses %j: %s', (raw, why) => {
    const error = refusal(() => parseIssueKey('github', raw));
    expect(error.message).toMatch(/^tracker\.key: ".*" is not a GitHub issue key \(owner\/repo#123\): /);
    expect(error.message).toMatch(why);
  });
});

describe('parseIssueKey: Jira', () => {
  it.each([
    ['OPS-42', 'OPS-42', 'OPS', 42],
    ['ops-42', 'OPS-42', 'OPS', 42],
    [' OPS-042 ', 'OPS-42', 'OPS', 42],
    ['A1_B-1', 'A1_B-1', 'A1_B', 1],
    ['X-999999999999999', 'X-999999999999999', 'X', 999999999999999],
  ])('%j → %s', (raw, key, project, number) => {
    expect(parseIssueKey('jira', raw)).toEqual({ type: 'jira', key, project, number });
  });

  it.each([
    ['OPS42', /no "-" before the issue number/],
    ['acme/checkout#1', /no "-"/],
    ['-42', /the project key is/],
    ['1OPS-42', /the project key is/],
    ['OP-S-42', /the project key is/],
    ['O PS-42', /the project key is/],
    ['OPS-', /whole number from 1/],
    ['OPS-0', /whole number from 1/],
    ['OPS-4x', /whole number from 1/],
  ])('refuses %j: %s', (raw, why) => {
    const error = refusal(() => parseIssueKey('jira', raw));
    expect(error.message).toMatch(/^tracker\.key: ".*" is not a Jira issue key \(PROJ-42\): /);
    expect(error.message).toMatch(why);
  });
});
