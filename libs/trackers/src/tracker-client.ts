/**
 * What the service needs of an issue tracker, whatever its kind (GitHub, Jira). One client per
 * configured tracker; its methods speak in issue keys (`acme/checkout#123`, `OPS-42`), never in URLs
 * the caller supplies.
 */
export type TrackerType = 'github' | 'jira';

/** How a closed issue was closed: the work was done, or it was not going to be. */
export type CloseReason = 'completed' | 'not_planned';

/** An issue as last read from its tracker. */
export interface TrackerIssue {
  /** `owner/repo#123` on GitHub, `PROJ-42` on Jira. */
  key: string;
  /** Where a person opens it in a browser. */
  url: string;
  title: string;
  /** Markdown on GitHub; plain text (rendered from the rich text) on Jira. */
  body: string;
  state: 'open' | 'closed';
  /** Null while open, and when the tracker does not say why it was closed. */
  closeReason: CloseReason | null;
  createdAt: Date;
  closedAt: Date | null;
  /** GitHub has no due date of its own (a milestone's due_on is used); Jira's duedate. */
  dueAt: Date | null;
  labels: string[];
  /** Jira's components (empty on GitHub): a team mapping may use them like labels. */
  components: string[];
  /** The tracker's priority name where it has one (Jira), else null. */
  priority: string | null;
}

/** Why a call to a tracker failed; `unavailable` and `rate_limited` are worth retrying later. */
export type TrackerErrorKind = 'unavailable' | 'rate_limited' | 'unauthorized' | 'not_found' | 'refused';

export class TrackerError extends Error {
  constructor(
    readonly tracker: string,
    readonly kind: TrackerErrorKind,
    message: string,
    /** When the tracker said to come back (rate limits), in milliseconds from now. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TrackerError';
  }

  /** A failure that says nothing about the request: trying again later may succeed. */
  get retriable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'rate_limited';
  }
}

export interface SearchProgress {
  /** Issues read so far. */
  read: number;
  /** The tracker's count of matches, when it gives one. */
  total: number | null;
}

export interface TrackerClient {
  readonly name: string;
  readonly type: TrackerType;
  /** The issue, or null when the tracker has no such issue (404). */
  getIssue(key: string): Promise<TrackerIssue | null>;
  /** Every issue the query matches (a GitHub search query, or JQL), a page at a time. */
  search(query: string, onProgress?: (progress: SearchProgress) => void): AsyncIterable<TrackerIssue>;
  /**
   * Whether one of the issue's comments contains `marker` (read page by page): how a write that is
   * retried after a crash tells that its comment was already made.
   */
  hasComment(key: string, marker: string): Promise<boolean>;
  /** Adds one comment, in Markdown (converted to the tracker's own rich text where needed). */
  comment(key: string, markdown: string): Promise<void>;
  /** Adds a label, keeping the issue's others. */
  addLabel(key: string, label: string): Promise<void>;
  /** Reopens a closed issue (GitHub), or applies the configured reopen transition (Jira). */
  reopen(key: string): Promise<void>;
}
