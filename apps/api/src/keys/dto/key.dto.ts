import type { Role } from '@app/domain';

export class KeyDto {
  id: string;
  name: string;
  role: Role;
  /** The first characters of the key, to recognise it. */
  prefix: string;
  source: 'api' | 'environment' | 'generated';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class IssuedKeyDto {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  /** The key itself. Shown only in this response: store it now. */
  key: string;
}
