export * from './tracker-client';
export * from './rules';
export * from './github/github-tracker.client';
export * from './jira';
