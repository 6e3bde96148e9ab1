import { Entity } from 'typeorm';
import type { Role } from '@app/domain';
import { NullableTimestampColumn, TextColumn, TimestampColumn, UuidPrimaryKey } from './columns';

export type ApiKeySource = 'api' | 'environment' | 'generated';

@Entity('api_keys')
export class ApiKeyEntity {
  @UuidPrimaryKey()
  id: string;

  @TextColumn()
  name: string;

  @TextColumn()
  role: Role;

  /** The first characters of the key, shown in listings so a key can be recognised. */
  @TextColumn()
  prefix: string;

  /** SHA-256 of the whole key, hex. Keys are 256-bit random, so a fast hash is enough. */
  @TextColumn({ select: false })
  hash: string;

  @TextColumn()
  source: ApiKeySource;

  @TimestampColumn()
  createdAt: Date;

  @NullableTimestampColumn()
  lastUsedAt: Date | null;

  @NullableTimestampColumn()
  revokedAt: Date | null;
}
