import { Injectable } from '@nestjs/common';
import { notFound } from '@app/domain';
import {
  EvaluationEntity,
  EvaluationRepository,
  FlagEntity,
  FlagRepository,
  PostmortemRepository,
  ReportActionRow,
  ReportMetricRow,
  PostmortemReportRepository,
  TransactionRunner,
  type Tx,
} from '@app/persistence';
import type { PostmortemReportData, ReportAction, ReportMetric } from './postmortem-report.model';
import { renderReportHtml } from './report-html.renderer';
import { renderReportMarkdown } from './report-markdown.renderer';
import type { RenderedReport, ReportFormat } from './report-format';

@Injectable()
export class PostmortemReportService {
  constructor(
    private readonly postmortems: PostmortemRepository,
    private readonly reports: PostmortemReportRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly flags: FlagRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async render(id: string, format: ReportFormat, now = new Date()): Promise<RenderedReport> {
    const data = await this.load(id);
    const markdown = renderReportMarkdown(data, now);
    if (format === 'markdown') return { format, body: markdown };
    return { format, body: renderReportHtml(markdown, `Post-mortem: ${data.postmortem.title}`) };
  }

  /** One snapshot, so an action added between two of the reads cannot show without its metrics. */
  load(id: string): Promise<PostmortemReportData> {
    return this.transactions.run((tx) => this.loadWith(id, tx), 'REPEATABLE READ');
  }

  private async loadWith(id: string, tx: Tx): Promise<PostmortemReportData> {
    const pm = await this.postmortems.findById(id, tx);
    if (!pm) throw notFound('post-mortem', id);
    const actions = await this.reports.findActions(id, tx);
    const metrics = await this.reports.findMetrics(
      actions.map((a) => a.id),
      tx,
    );
    const latest = await this.evaluations.latestByMetrics(
      metrics.map((m) => m.id),
      tx,
    );
    const flags = await this.flags.activeByActions(
      actions.map((a) => a.id),
      tx,
    );
    return {
      postmortem: {
        kind: pm.kind,
        title: pm.title,
        severity: pm.severity,
        occurredAt: pm.occurredAt,
        resolvedAt: pm.resolvedAt,
        services: pm.services,
        summary: pm.summary,
        timeline: pm.timeline,
        contributingFactors: pm.contributingFactors,
      },
      actions: actions.map((action) => toReportAction(action, metrics, latest, flags)),
    };
  }
}

function toReportAction(
  action: ReportActionRow,
  metrics: ReportMetricRow[],
  latest: EvaluationEntity[],
  flags: FlagEntity[],
): ReportAction {
  return {
    title: action.title,
    ownerTeam: action.ownerTeam,
    priority: action.priority,
    status: action.status,
    dueAt: action.dueAt,
    implementedAt: action.implementedAt,
    closedAt: action.closedAt,
    verification: action.verification,
    verificationNote: action.verificationNote,
    flags: flags
      .filter((f) => f.actionId === action.id)
      .map((f) => ({ kind: f.kind, reason: f.reason, raisedAt: f.raisedAt })),
    metrics: metrics
      .filter((m) => m.actionId === action.id)
      .map((m) => toReportMetric(m, latest.find((e) => e.metricId === m.id) ?? null)),
  };
}

function toReportMetric(metric: ReportMetricRow, latest: EvaluationEntity | null): ReportMetric {
  return {
    id: metric.id,
    name: metric.name,
    datasource: metric.datasource,
    query: metric.query,
    selector: metric.selector,
    direction: metric.direction,
    target: metric.target,
    aggregation: metric.aggregation,
    baseline: metric.baseline ?? metric.baselineValue,
    // The latest check; a metric never scored reads "not yet measured".
    outcome: latest && {
      at: latest.at,
      verdict: latest.verdict,
      value: latest.value,
      goal: latest.goal,
      progress: latest.progress,
      reason: latest.reason,
    },
  };
}
