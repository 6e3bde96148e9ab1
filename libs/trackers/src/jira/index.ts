export * from './jira-tracker.client';
export * from './jira-tracker.config';
export * from './jira-issue-key';
export * from './jira-close-reason';
export * from './markdown-to-adf';
export * from './adf-to-text';
export type * from './adf';
