import type { Role } from '@app/domain';

/** Who is calling: the API key's id, name (recorded as the actor of changes) and role. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}
