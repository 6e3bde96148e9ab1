/** How a tracker's issues are given an owner team (the tracker's configuration). */
export interface TeamMapping {
  defaultTeam: string;
  teamByLabel: Readonly<Record<string, string>>;
  /** Jira only; empty elsewhere. */
  teamByComponent: Readonly<Record<string, string>>;
}

/**
 * The owner team of an imported issue: the first `teamByLabel` entry, in the order the operator
 * wrote them, whose label the issue carries; else the first such `teamByComponent` entry; else the
 * default team. The configuration's order, not the issue's, decides, so an issue with two team
 * labels always goes to the same team. Labels and components compare without case (GitHub's labels
 * do, and a Jira label differing only in case is a typo).
 */
export function issueTeam(
  issue: { labels: readonly string[]; components: readonly string[] },
  mapping: TeamMapping,
): string {
  return (
    firstMatch(mapping.teamByLabel, issue.labels) ??
    firstMatch(mapping.teamByComponent, issue.components) ??
    mapping.defaultTeam
  );
}

function firstMatch(teamBy: Readonly<Record<string, string>>, names: readonly string[]): string | null {
  const carried = new Set(names.map(folded));
  const entry = Object.entries(teamBy).find(([name]) => carried.has(folded(name)));
  return entry ? entry[1] : null;
}

function folded(name: string): string {
  return name.trim().toLowerCase();
}
