import type { MetricEvidence, NotificationPayload, NotifiedAction } from '@app/domain';
import { eventPayload, type OutgoingEvent } from './outgoing-event';

const FLAG_WORDS: Record<string, string> = {
  overdue: 'overdue',
  stalled: 'stalled',
  ineffective: 'ineffective',
  regressed: 'regressed',
  no_telemetry: 'without telemetry',
  source_error: 'failing to query its datasource',
  improved_before_fix: 'improved before the fix',
};

/** Slack mrkdwn treats these three as control characters; everything else passes as typed. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function actionRef(action: NotifiedAction): string {
  const title = escape(action.title);
  return action.url ? `<${action.url}|${title}>` : `*${title}*`;
}

function actionLine(action: NotifiedAction): string {
  return `${actionRef(action)} (${action.priority}, team ${escape(action.ownerTeam)}, ${action.status.replace('_', ' ')})`;
}

/** One line per success metric: its name and what its latest check said. */
function evidenceLines(evidence: readonly MetricEvidence[] | undefined): string[] {
  // Events written before they carried evidence have none.
  return (evidence ?? []).map(
    (e) => `• *${escape(e.metric)}*: ${e.reason === null ? '_no reason yet_' : escape(e.reason)}`,
  );
}

function joined(lines: string[]): string | null {
  return lines.length ? lines.join('\n') : null;
}

/** The message in words; also the notification text Slack shows where blocks are not rendered. */
function headline(p: NotificationPayload): { text: string; detail: string | null } {
  if ('actions' in p) {
    const { open, overdue, stalled } = p.counts;
    const lines = p.actions.map(
      (a) => `• ${actionLine(a)}${a.overdue ? ' — *overdue*' : ''}${a.stalled ? ' — *stalled*' : ''}`,
    );
    if (p.truncated) lines.push(`… and ${open - p.actions.length} more`);
    return {
      text: `Weekly digest for team ${escape(p.team)} (${p.week}): ${open} open, ${overdue} overdue, ${stalled} stalled`,
      detail: lines.join('\n') || null,
    };
  }
  const evidence = evidenceLines(p.evidence);
  if ('flag' in p) {
    const words = FLAG_WORDS[p.flag.kind] ?? p.flag.kind;
    if (p.type === 'flag.cleared')
      return { text: `No longer ${words}: ${actionLine(p.action)}`, detail: joined(evidence) };
    const detail = joined([escape(p.flag.reason), ...evidence]);
    if (p.type === 'action.ineffective')
      return { text: `Fix did not move the telemetry: ${actionLine(p.action)}`, detail };
    return { text: `Flagged ${words}: ${actionLine(p.action)}`, detail };
  }
  const how = p.verification === 'telemetry' ? 'by telemetry' : 'manually';
  return { text: `Verified ${how}: ${actionLine(p.action)}`, detail: joined(evidence) };
}

/** Format `slack`: an incoming-webhook message ({text, blocks}); the headers are the same as for json. */
export function slackBody(event: OutgoingEvent, publicUrl: string | null): string {
  const payload = eventPayload(event, publicUrl);
  const { text, detail } = headline(payload);
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  // Slack refuses a section text over 3,000 characters.
  if (detail !== null) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(detail, 3000) } });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${payload.type} · ${payload.occurredAt} · event ${payload.id}` }],
  });
  return JSON.stringify({ text, blocks });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
