export * from './api-key.codec';
export * from './api-key.service';
export * from './api-key.guard';
export * from './auth.module';
export * from './current-principal.decorator';
export * from './principal';
export * from './roles';
