import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

export type ApiKeyPage = KeysetPage<ApiKeyEntity>;

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findActiveByHash(hash: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ hash, revokedAt: IsNull() });
  }

  /** The hashes of the active keys, at most `limit` of them (newest first). */
  async activeHashes(limit: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .select('k.hash', 'hash')
      .where('k.revokedAt IS NULL')
      .orderBy('k.createdAt', 'DESC')
      .limit(limit)
      .getRawMany<{ hash: string }>();
    return rows.map((r) => r.hash);
  }

  /** The id and hash (never selected otherwise) of the active key from `source`. */
  findActiveHashBySource(source: ApiKeyEntity['source'], tx?: Tx): Promise<Pick<ApiKeyEntity, 'id' | 'hash'> | null> {
    const em = managerOf(tx, this.dataSource);
    return em
      .getRepository(ApiKeyEntity)
      .findOne({ where: { source, revokedAt: IsNull() }, select: { id: true, hash: true } });
  }

  /** Whether an active key has this name (names are unique among active keys). */
  activeNameTaken(name: string, tx?: Tx): Promise<boolean> {
    const em = managerOf(tx, this.dataSource);
    return em.getRepository(ApiKeyEntity).existsBy({ name, revokedAt: IsNull() });
  }

  /** Reads the key and holds its row until the transaction ends. */
  findByIdForUpdate(id: string, tx: Tx): Promise<ApiKeyEntity | null> {
    const em = managerOf(tx);
    return em.getRepository(ApiKeyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  countActiveAdmins(tx?: Tx): Promise<number> {
    const em = managerOf(tx, this.dataSource);
    return em.getRepository(ApiKeyEntity).countBy({ role: 'admin', revokedAt: IsNull() });
  }

  /** Keys oldest first, revoked ones included. */
  page(after: EventPosition | null, limit: number): Promise<ApiKeyPage> {
    return keysetPage(
      this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k'),
      { by: 'createdAt', direction: 'ASC' },
      after,
      limit,
    );
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ id });
  }

  insert(key: Omit<ApiKeyEntity, 'id' | 'lastUsedAt' | 'revokedAt'>, tx?: Tx): Promise<ApiKeyEntity> {
    const em = managerOf(tx, this.dataSource);
    const repo = em.getRepository(ApiKeyEntity);
    return repo.save(repo.create({ ...key, lastUsedAt: null, revokedAt: null }));
  }

  async revoke(id: string, at: Date, tx?: Tx): Promise<boolean> {
    const em = managerOf(tx, this.dataSource);
    const result = await em.getRepository(ApiKeyEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records the key's use at `at` unless one was recorded within `intervalMs`: the caller skips
   * the call when the row it read is recent, and this cutoff also holds when several processes or
   * concurrent requests saw the same stale value.
   */
  async touch(id: string, at: Date, intervalMs: number): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ lastUsedAt: at })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at < :cutoff)', {
        id,
        cutoff: new Date(at.getTime() - intervalMs),
      })
      .execute();
  }
}
