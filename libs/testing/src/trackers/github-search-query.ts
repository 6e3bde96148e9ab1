import type { StoredIssue } from './github-objects';

/** The part of GitHub's issue search syntax the service uses; anything else is refused by name. */
export interface SearchFilter {
  repos: string[];
  labels: string[];
  kind: 'issue' | 'pr' | null;
  state: 'open' | 'closed' | null;
  words: string[];
}

/** Splits a query into terms, keeping `label:"needs triage"` whole. */
function terms(q: string): string[] {
  return [...q.matchAll(/(?:[^\s"]+:)?"[^"]*"|\S+/g)].map((m) => m[0]);
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Parses `q`; throws with the unsupported term, which the fake reports rather than ignores. */
export function parseSearchQuery(q: string): SearchFilter {
  const filter: SearchFilter = { repos: [], labels: [], kind: null, state: null, words: [] };
  for (const term of terms(q)) {
    const colon = term.indexOf(':');
    const qualifier = colon > 0 && !term.startsWith('"') ? term.slice(0, colon).toLowerCase() : null;
    const value = qualifier ? unquote(term.slice(colon + 1)) : unquote(term);
    if (qualifier === 'repo') filter.repos.push(value.toLowerCase());
    else if (qualifier === 'label') filter.labels.push(value.toLowerCase());
    else if ((qualifier === 'is' || qualifier === 'type') && ['issue', 'pr'].includes(value))
      filter.kind = value as 'issue' | 'pr';
    else if ((qualifier === 'is' || qualifier === 'state') && ['open', 'closed'].includes(value))
      filter.state = value as 'open' | 'closed';
    else if (qualifier) throw new Error(`the fake GitHub does not support the search term ${term}`);
    else filter.words.push(value.toLowerCase());
  }
  return filter;
}

export function matchesSearch(issue: StoredIssue, filter: SearchFilter): boolean {
  const repo = `${issue.owner}/${issue.repo}`.toLowerCase();
  const labels = issue.labels.map((l) => l.toLowerCase());
  const text = `${issue.title}\n${issue.body}`.toLowerCase();
  return (
    (filter.repos.length === 0 || filter.repos.includes(repo)) &&
    filter.labels.every((l) => labels.includes(l)) &&
    (filter.kind === null || (filter.kind === 'pr') === issue.pullRequest) &&
    (filter.state === null || filter.state === issue.state) &&
    filter.words.every((w) => text.includes(w))
  );
}
