export * from './tracker-client';
export * from './github/github-tracker.client';
export * from './github/github-issue-key';
