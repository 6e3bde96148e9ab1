/** The pure rules of tracker sync: keys, import, status, webhooks and what is written back. */
export * from './close-reason';
export * from './imported-action';
export * from './issue-key';
export * from './issue-priority';
export * from './issue-services';
export * from './issue-team';
export * from './outcome-comment';
export * from './outcome-of-event';
export * from './tracker-status-change';
export * from './webhook-event';
export type { WebhookHeaders, WebhookReading } from './webhook-reading';
export { headerOf } from './webhook-reading';
