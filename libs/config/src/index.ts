export * from './config.schema';
export * from './config.loader';
export * from './config.errors';
export * from './config.module';
export * from './config.token';
export * from './secret';
export * from './tracker-config.schema';
export * from './tracker-listing';
