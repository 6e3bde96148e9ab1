/** One Jira site, as configured. */
export interface JiraTrackerConfig {
  /** Jira Cloud (REST v3 through jira.js; the default) or Jira Data Center (REST v2). */
  deployment?: 'cloud' | 'datacenter';
  /** The tracker's name in the service's configuration (errors and logs name it). */
  name: string;
  /** The site, e.g. https://acme.atlassian.net: where the API is called and people browse. */
  url: string;
  /** Cloud: the Atlassian account's email, with `token` its API token (Basic auth). Unused on Data Center. */
  email?: string;
  /** Cloud: an API token. Data Center: a personal access token (Bearer auth). */
  token: string;
  /** The transition that reopens a done issue on this site's workflow. */
  reopenTransition?: string;
  /** How long one request may take before it counts as unavailable. */
  requestTimeoutMs?: number;
}
