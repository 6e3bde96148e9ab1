export * from './schema';
export * from './parse';
export * from './current-state';
export * from './plan';
export * from './planner';
export * from './export';
export * from './action-csv';
