import { invalidInput, type DomainError } from '@app/domain';
import type { TrackerEvent } from './tracker-status-change';

/** Request headers as Node gives them: lowercase names; a repeated header as a list. */
export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * What an authenticated webhook delivery asks of the service: an event for one issue, or nothing
 * (answered 2xx with the reason, so the tracker does not retry it).
 */
export type WebhookReading =
  { kind: 'event'; deliveryId: string; key: string; event: TrackerEvent } | { kind: 'ignored'; reason: string };

export const ignored = (reason: string): WebhookReading => ({ kind: 'ignored', reason });

/** A delivery without what every delivery of its kind has: refused (400), so the tracker shows it failed. */
export const malformed = (what: string): DomainError => invalidInput(`webhook: ${what}`);

/** The header's one value, whatever the case of its name. */
export function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') return first.trim();
  }
  return undefined;
}

/** `value` when it is a JSON object, else null. */
export function objectOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** An ISO-8601 time from a payload, or null when it is missing or not a time. */
export function timeOf(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}
