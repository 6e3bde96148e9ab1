export * from './config.schema';
export * from './config.loader';
export * from './config.errors';
export * from './config.module';
export * from './config.token';
