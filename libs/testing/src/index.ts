export * from './free-port';
export * from './test-database';
export * from './http-client';
export * from './service-process';
export * from './both-databases';
export * from './scoring-api';
export * from './browser';
export * from './seed-sql';
