/** One Jira Cloud site, as configured. */
export interface JiraTrackerConfig {
  /** The tracker's name in the service's configuration (errors and logs name it). */
  name: string;
  /** The site, e.g. https://acme.atlassian.net: where the API is called and people browse. */
  url: string;
  /** The Atlassian account's email and API token (Basic auth, as Jira Cloud requires). */
  email: string;
  token: string;
  /** The transition that reopens a done issue on this site's workflow. */
  reopenTransition?: string;
  /** How long one request may take before it counts as unavailable. */
  requestTimeoutMs?: number;
}
