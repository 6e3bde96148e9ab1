import type { TrackerIssue } from '../tracker-client';
import { adfToText } from './adf-to-text';
import { jiraCloseReason } from '../rules/close-reason';

/** The issue fields the client asks Jira for; the mapper reads nothing else. */
export const JIRA_ISSUE_FIELDS = [
  'summary',
  'description',
  'status',
  'resolution',
  'resolutiondate',
  'created',
  'duedate',
  'labels',
  'components',
  'priority',
];

/** An issue bean as jira.js returns it: `fields` is an open record in Jira's specification. */
export interface JiraIssueBean {
  key?: string;
  fields?: Record<string, unknown>;
}

/** A Jira issue bean as the service's TrackerIssue; `siteUrl` is where people browse the site. */
export function toTrackerIssue(siteUrl: string, bean: JiraIssueBean): TrackerIssue {
  const key = bean.key ?? '';
  const fields = bean.fields ?? {};
  const status = record(fields.status);
  const statusCategory = record(status?.statusCategory);
  const resolution = record(fields.resolution);
  const closed = statusCategory?.key === 'done';
  return {
    key,
    url: `${siteUrl.replace(/\/+$/, '')}/browse/${key}`,
    title: text(fields.summary) ?? '',
    // Cloud (v3) sends ADF; Data Center (v2) sends wiki markup, kept as written.
    body: typeof fields.description === 'string' ? fields.description : adfToText(fields.description),
    state: closed ? 'closed' : 'open',
    // A done issue whose resolution says nothing known is closed for no stated reason (null).
    closeReason: closed ? jiraCloseReason(text(resolution?.name)) : null,
    createdAt: date(fields.created) ?? new Date(Number.NaN),
    closedAt: closed ? date(fields.resolutiondate) : null,
    // duedate is a calendar date (2026-03-31); read as midnight UTC of that day.
    dueAt: date(fields.duedate),
    labels: Array.isArray(fields.labels) ? fields.labels.filter((l): l is string => typeof l === 'string') : [],
    components: Array.isArray(fields.components)
      ? fields.components.map((c) => text(record(c)?.name)).filter((n): n is string => n !== undefined)
      : [],
    priority: text(record(fields.priority)?.name) ?? null,
  };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Jira writes offsets without a colon (2026-01-05T10:00:00.000+0000), which Date.parse accepts.
function date(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
