import { invalidInput } from '@app/domain';
import type { TrackerType } from '../tracker-client';

export type IssueKey =
  | { type: 'github'; key: string; owner: string; repo: string; number: number }
  | { type: 'jira'; key: string; project: string; number: number };

// GitHub's own rules: an account is letters, digits and single inner hyphens (plus "_", which the
// managed-user accounts of GitHub Enterprise carry, as in octocat_acme); a repository letters,
// digits, ".", "-", "_" (at most 100), never "." or "..", which would walk the URL.
const GITHUB_OWNER = /^[a-z0-9_](?:[a-z0-9_]|-(?=[a-z0-9_])){0,99}$/i;
const GITHUB_REPO = /^[a-z0-9._-]{1,100}$/i;
// Jira's default project-key rule: a letter, then letters, digits or "_".
const JIRA_PROJECT = /^[a-z][a-z0-9_]{0,254}$/i;
const ISSUE_NUMBER = /^\d{1,15}$/;
const GITHUB_MAX_NUMBER = 2_147_483_647;

/**
 * The issue key in its one spelling: `owner/repo#123` on GitHub (lowercase, as GitHub compares
 * names without case), `PROJ-42` on Jira (uppercase), numbers without leading zeros. Two spellings
 * of one issue give one key, so "one issue links to at most one action" holds. A key that is not
 * one is refused (invalid input) with what is wrong with it.
 */
export function parseIssueKey(type: TrackerType, raw: string): IssueKey {
  const text = raw.trim();
  return type === 'github' ? githubKey(text) : jiraKey(text);
}

function githubKey(text: string): IssueKey {
  const refuse = (what: string) =>
    invalidInput(`tracker.key: "${text}" is not a GitHub issue key (owner/repo#123): ${what}`);
  const hash = text.lastIndexOf('#');
  if (hash < 0) throw refuse('no "#" before the issue number');
  const path = text.slice(0, hash);
  const parts = path.split('/');
  if (parts.length !== 2) throw refuse('expected one "/" between owner and repository');
  const [owner, repo] = parts;
  if (!GITHUB_OWNER.test(owner)) throw refuse('the owner is letters, digits, "_" and single inner hyphens');
  if (!GITHUB_REPO.test(repo) || repo === '.' || repo === '..')
    throw refuse('the repository is letters, digits, ".", "-" or "_" (at most 100)');
  const number = issueNumber(text.slice(hash + 1));
  // GitHub's issue numbers are 32-bit.
  if (number === null || number > GITHUB_MAX_NUMBER) throw refuse('the issue number is a whole number from 1');
  const normal = { owner: owner.toLowerCase(), repo: repo.toLowerCase() };
  return { type: 'github', key: `${normal.owner}/${normal.repo}#${number}`, ...normal, number };
}

function jiraKey(text: string): IssueKey {
  const refuse = (what: string) => invalidInput(`tracker.key: "${text}" is not a Jira issue key (PROJ-42): ${what}`);
  const dash = text.lastIndexOf('-');
  if (dash < 0) throw refuse('no "-" before the issue number');
  const project = text.slice(0, dash);
  if (!JIRA_PROJECT.test(project)) throw refuse('the project key is a letter, then letters, digits or "_"');
  const number = issueNumber(text.slice(dash + 1));
  if (number === null) throw refuse('the issue number is a whole number from 1');
  const normal = project.toUpperCase();
  return { type: 'jira', key: `${normal}-${number}`, project: normal, number };
}

function issueNumber(text: string): number | null {
  if (!ISSUE_NUMBER.test(text)) return null;
  const number = Number(text);
  return number >= 1 ? number : null;
}
