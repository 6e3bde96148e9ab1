export * from './tracker-client';
export * from './rules';
