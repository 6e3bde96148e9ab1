import type { ActionStatus, FlagKind, Priority, SuccessMetricDefinition, Verification } from '@app/domain';
import type { PostmortemFields } from '../postmortem-rules';

/**
 * Everything the report shows, as plain data. There is deliberately no person field anywhere in
 * it (an action's assignee is for coordination only): the report is blameless by construction.
 */
export interface PostmortemReportData {
  postmortem: ReportPostmortem;
  actions: ReportAction[];
}

/** The post-mortem's own fields, all of which the report shows. */
export type ReportPostmortem = PostmortemFields;

export interface ReportAction {
  title: string;
  ownerTeam: string;
  priority: Priority;
  status: ActionStatus;
  dueAt: Date | null;
  implementedAt: Date | null;
  /** When it was verified or given up on; null while the action is not finished. */
  closedAt: Date | null;
  verification: Verification | null;
  verificationNote: string | null;
  /** The active flags, oldest raise first. */
  flags: ReportFlag[];
  metrics: ReportMetric[];
}

export interface ReportFlag {
  kind: FlagKind;
  reason: string;
  raisedAt: Date;
}

/** What the report shows of a success metric: what it measures, and how it stands. */
export interface ReportMetric extends Pick<
  SuccessMetricDefinition,
  'name' | 'datasource' | 'query' | 'selector' | 'direction' | 'target' | 'aggregation'
> {
  id: string;
  /** The explicit baseline, else the frozen measured one; null until known. */
  baseline: number | null;
  /** The latest evaluation; null until the metric has been scored. */
  outcome: ReportOutcome | null;
}

export interface ReportOutcome {
  at: Date;
  verdict: string;
  value: number | null;
  goal: number | null;
  /** 0..1 of the way from the baseline to the goal; null when the check could not judge. */
  progress: number | null;
  /** Why the check judged as it did, in one sentence (docs/scoring.md, "Reasons"); null on checks older than reasons. */
  reason: string | null;
}
