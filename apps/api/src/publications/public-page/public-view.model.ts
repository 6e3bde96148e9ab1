import type { ActionStatus, Direction, FlagKind, Verification } from '@app/domain';
import type { ContributingFactor, PostmortemKind, Severity, TimelineEntry } from '@app/persistence';

/**
 * Everything a public page or feed entry may show, and nothing more: this type is the boundary
 * between the post-mortem and the world (docs/publishing.md, "What is never shown"). No team, no
 * person, no description or note, no query, no datasource, no link; the post-mortem's own summary is
 * internal, and the page shows the summary written for the public instead.
 */
export interface PublicPostmortem {
  title: string;
  kind: PostmortemKind;
  severity: Severity | null;
  occurredAt: Date | null;
  resolvedAt: Date | null;
  /** Markdown written for the public. */
  summary: string;
  /** Null when the publication leaves the timeline out. */
  timeline: TimelineEntry[] | null;
  contributingFactors: ContributingFactor[];
  /** Null when the publication leaves the corrective actions out. */
  actions: PublicAction[] | null;
  publishedAt: Date;
  updatedAt: Date;
}

export interface PublicAction {
  title: string;
  status: ActionStatus;
  verification: Verification | null;
  implementedAt: Date | null;
  /** When it was verified or given up on. */
  closedAt: Date | null;
  /** Only the kinds that change what the outcome means to a reader. */
  flags: FlagKind[];
  metrics: PublicMetric[];
}

export interface PublicMetric {
  name: string;
  direction: Direction;
  baseline: number | null;
  /**
   * The newest checks that measured a value, oldest first: the sparkline, and its last check is the
   * outcome's "now" (a failed check since, such as a datasource that is down, does not erase it).
   */
  trend: MeasuredCheck[];
}

export interface MeasuredCheck {
  at: Date;
  value: number;
  /** The goal that check judged against; null while the baseline was unknown. */
  goal: number | null;
}
