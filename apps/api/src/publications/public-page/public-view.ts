import type { PostmortemReportData } from '../../postmortems/report/postmortem-report.model';
import type { MeasuredCheck, PublicAction, PublicPostmortem } from './public-view.model';

/** What a publication chose to show. */
export interface PublicationChoice {
  summary: string;
  includeTimeline: boolean;
  includeActions: boolean;
  publishedAt: Date;
  updatedAt: Date;
}

/** A metric's measured trend, by metric id. */
export type Trends = ReadonlyMap<string, MeasuredCheck[]>;

/**
 * The public view of a post-mortem: each field copied by name from the internal report, so a field
 * added to the report later stays internal until it is added here on purpose.
 */
export function toPublicView(
  report: PostmortemReportData,
  choice: PublicationChoice,
  trends: Trends,
): PublicPostmortem {
  const pm = report.postmortem;
  return {
    title: pm.title,
    kind: pm.kind,
    severity: pm.severity,
    occurredAt: pm.occurredAt,
    resolvedAt: pm.resolvedAt,
    summary: choice.summary,
    timeline: choice.includeTimeline ? pm.timeline.map((entry) => ({ at: entry.at, text: entry.text })) : null,
    contributingFactors: pm.contributingFactors.map((f) => ({ kind: f.kind, category: f.category, text: f.text })),
    actions: choice.includeActions ? report.actions.map((action) => publicAction(action, trends)) : null,
    publishedAt: choice.publishedAt,
    updatedAt: choice.updatedAt,
  };
}

function publicAction(action: PostmortemReportData['actions'][number], trends: Trends): PublicAction {
  return {
    title: action.title,
    status: action.status,
    verification: action.verification,
    implementedAt: action.implementedAt,
    closedAt: action.closedAt,
    flags: action.flags.map((f) => f.kind),
    metrics: action.metrics.map((metric) => ({
      name: metric.name,
      direction: metric.direction,
      baseline: metric.baseline,
      trend: trends.get(metric.id) ?? [],
    })),
  };
}
