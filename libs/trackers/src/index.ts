export * from './tracker-client';
export * from './jira';
