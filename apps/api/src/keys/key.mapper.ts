import type { IssuedKey } from '@app/auth';
import type { ApiKeyEntity } from '@app/persistence';
import type { IssuedKeyDto, KeyDto } from './dto/key.dto';

export function toKeyDto(key: ApiKeyEntity): KeyDto {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    source: key.source,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function toIssuedKeyDto(key: IssuedKey): IssuedKeyDto {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    key: key.key,
  };
}
