export * from './entities';
export * from './migrations';
export * from './repositories';
export * from './transaction';
export * from './data-source.factory';
export * from './database-kind.token';
export * from './persistence.module';
export { DataFolderInUseError } from './embedded/data-folder-lock';
export { inputErrorOf, isDatabaseUnavailable } from './database-errors';
