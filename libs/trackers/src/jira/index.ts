export * from './jira-tracker.client';
export * from './jira-tracker.config';
export * from './jira-issue-key';
export * from './markdown-to-adf';
export * from './adf-to-text';
export type * from './adf';
export * from './jira-datacenter-tracker.client';
export * from './jira-tracker.factory';
export * from './markdown-to-wiki';
