import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type TrackerConfig } from '@app/config';
import { notFound } from '@app/domain';
import { createJiraTrackerClient, GitHubTrackerClient, type TrackerClient } from '@app/trackers';

export interface ConfiguredTracker {
  config: TrackerConfig;
  client: TrackerClient;
}

/**
 * The configured trackers with one client each, built once (a client paces its own requests, so
 * there must be one per tracker in a process). API callers name a tracker; they never give its URL
 * or token (docs/trackers.md).
 */
@Injectable()
export class TrackerRegistry {
  private readonly trackers: Map<string, ConfiguredTracker>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.trackers = new Map(config.trackers.map((t) => [t.name, { config: t, client: clientFor(t) }]));
  }

  all(): ConfiguredTracker[] {
    return [...this.trackers.values()];
  }

  /** The tracker by name; an unknown name is a 404 naming it. */
  get(name: string): ConfiguredTracker {
    const tracker = this.trackers.get(name);
    if (!tracker) throw notFound('tracker', name);
    return tracker;
  }

  /** The tracker by name, or null: for a field that names one (refused as invalid input by the caller). */
  find(name: string): ConfiguredTracker | null {
    return this.trackers.get(name) ?? null;
  }
}

function clientFor(tracker: TrackerConfig): TrackerClient {
  const token = tracker.token.reveal();
  if (tracker.type === 'github') return new GitHubTrackerClient({ name: tracker.name, url: tracker.url, token });
  // A Jira Cloud site signs in with an account's email and API token; Data Center with a personal access token.
  return createJiraTrackerClient({
    name: tracker.name,
    url: tracker.url,
    token,
    deployment: tracker.email ? 'cloud' : 'datacenter',
    ...(tracker.email ? { email: tracker.email } : {}),
    ...(tracker.reopenTransition ? { reopenTransition: tracker.reopenTransition } : {}),
  });
}
