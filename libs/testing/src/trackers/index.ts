export * from './jira-server';
export * from './jira-webhook';
export type { JiraStatusName } from './jira-workflow';
