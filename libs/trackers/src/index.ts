export * from './tracker-client';
