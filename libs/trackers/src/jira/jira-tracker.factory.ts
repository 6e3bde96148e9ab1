import type { TrackerClient } from '../tracker-client';
import { JiraDataCenterTrackerClient } from './jira-datacenter-tracker.client';
import { JiraTrackerClient } from './jira-tracker.client';
import type { JiraTrackerConfig } from './jira-tracker.config';

/** The client for a configured Jira site, by its deployment. */
export function createJiraTrackerClient(config: JiraTrackerConfig): TrackerClient {
  if (config.deployment === 'datacenter') return new JiraDataCenterTrackerClient(config);
  return new JiraTrackerClient(config);
}
