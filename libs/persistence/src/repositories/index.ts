import { ApiKeyRepository } from './api-key.repository';

export * from './api-key.repository';

/** Every repository, provided and exported by PersistenceModule. */
export const REPOSITORIES = [ApiKeyRepository];
