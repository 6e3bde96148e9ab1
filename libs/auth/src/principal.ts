import type { Role } from '@app/domain';

/**
 * Who is calling: an API key (its id, name and role) or a person signed in through the OpenID
 * Connect provider (`session`; the name is their email or name). The name is recorded as the
 * actor of changes.
 */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  session?: boolean;
}
