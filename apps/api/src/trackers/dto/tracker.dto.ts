/** A configured issue tracker, without its token, webhook secret or account. */
export class TrackerDto {
  name: string;
  type: 'github' | 'jira';
  /** The tracker's API base (GitHub) or site (Jira). */
  url: string;
  /** The owner team of an imported issue no mapping places. */
  defaultTeam: string;
  /** Imported issues with this label go to this team. */
  teamByLabel: Record<string, string>;
  /** Jira: imported issues with this component go to this team. */
  teamByComponent: Record<string, string>;
  /** Jira: the transition a regression applies to reopen a done issue. */
  reopenTransition: string | null;
  /** How often linked issues are read again, for webhook deliveries that never arrived. */
  pollEvery: string;
}
