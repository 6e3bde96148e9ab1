/** The issue an action is linked to, as its tracker last described it. */
export class LinkedIssueDto {
  /** The configured tracker's name. */
  name: string;
  /** `owner/repo#123` or `PROJ-42`, in its one spelling. */
  key: string;
  /** Where a person opens the issue. */
  url: string;
  state: 'open' | 'closed';
  title: string;
  /** When the tracker last told the service about the issue (the link, a webhook, a poll). */
  seenAt: string;
}
