import type { TrackerConfig } from './tracker-config.schema';

/** A tracker as API callers see it (`GET /api/v1/trackers`): no token, webhook secret or account. */
export interface TrackerListing {
  name: string;
  type: TrackerConfig['type'];
  url: string;
  defaultTeam: string;
  teamByLabel: Record<string, string>;
  teamByComponent: Record<string, string>;
  reopenTransition: string | null;
  pollEvery: string;
}

/**
 * Field by field rather than "everything but the secrets", so a field added to the configuration
 * later stays out of the listing until someone decides it may be shown. The Jira account's email is
 * left out too: callers need to know where issues live, not who the service signs in as.
 */
export function trackerListing(trackers: readonly TrackerConfig[]): TrackerListing[] {
  return trackers.map((t) => ({
    name: t.name,
    type: t.type,
    url: t.url,
    defaultTeam: t.defaultTeam,
    teamByLabel: { ...t.teamByLabel },
    teamByComponent: { ...t.teamByComponent },
    reopenTransition: t.reopenTransition,
    pollEvery: t.pollEvery,
  }));
}
