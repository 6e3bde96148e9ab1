import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@app/domain';

export type ApiKeySource = 'api' | 'environment' | 'generated';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** The first characters of the key, shown in listings so a key can be recognised. */
  @Column({ type: 'text' })
  prefix: string;

  /** SHA-256 of the whole key, hex. Keys are 256-bit random, so a fast hash is enough. */
  @Column({ type: 'text', select: false })
  hash: string;

  @Column({ type: 'text' })
  source: ApiKeySource;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
