export * from './github-server';
export * from './github-webhook';
export { descriptionLoadTimes } from './openapi-description';
export type { StoredIssue, StoredComment } from './github-objects';
export * from './jira-server';
export * from './jira-webhook';
export type { JiraStatusName } from './jira-workflow';
export * from './tracker-service';
