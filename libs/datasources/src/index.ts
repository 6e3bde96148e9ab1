export * from './metric-source';
