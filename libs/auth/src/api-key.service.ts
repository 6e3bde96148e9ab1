import { Inject, Injectable, Logger } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { conflict, notFound, Role } from '@app/domain';
import { ApiKeyRepository, TransactionRunner, type ApiKeyPage, type EventPosition } from '@app/persistence';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key.codec';
import { KNOWN_KEYS_LIMIT, KnownKeys } from './auth-failure-limiter';
import { KEY_USE_INTERVAL_MS, keyUseDue } from './key-use';
import { Principal } from './principal';

export interface IssuedKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  /** The key itself: shown once, never stored. */
  key: string;
}

export const ADMIN_KEY_FILE = 'admin.key';

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly knownKeys = new KnownKeys(() => this.keys.activeHashes(KNOWN_KEYS_LIMIT));

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    const found = await this.keys.findActiveByHash(hash);
    if (!found) return null;
    // Issued by another process after the snapshot, perhaps.
    this.knownKeys.add(hash);
    const now = new Date();
    // The key row was just read: skip the statement when its recorded use is recent.
    if (keyUseDue(found.lastUsedAt, now))
      void this.keys.touch(found.id, now, KEY_USE_INTERVAL_MS).catch(() => undefined);
    return { keyId: found.id, name: found.name, role: found.role };
  }

  /**
   * Whether the hash may be an active key's, answered from a snapshot of the active hashes (at
   * most 10 s old when it lacks the hash) instead of a lookup: what tells a good key from a guess
   * for an address refused for its failures (docs/api.md, "Rate limits").
   */
  mayBeActive(hash: string, now: number): Promise<boolean> {
    return this.knownKeys.has(hash, now);
  }

  async issue(name: string, role: Role): Promise<IssuedKey> {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    const saved = await this.transactions.run(async (tx) => {
      const taken = await this.keys.activeNameTaken(name, tx);
      if (taken) throw conflict(`an active key named "${name}" already exists`);
      return this.keys.insert({ name, role, prefix: keyPrefix(key), hash, source: 'api', createdAt: new Date() }, tx);
    });
    this.knownKeys.add(hash);
    return { id: saved.id, name: saved.name, role: saved.role, prefix: saved.prefix, createdAt: saved.createdAt, key };
  }

  page(after: EventPosition | null, limit: number): Promise<ApiKeyPage> {
    return this.keys.page(after, limit);
  }

  /** Revokes a key; the last active admin key cannot be revoked, or nobody could manage keys. */
  async revoke(id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const key = await this.keys.findByIdForUpdate(id, tx);
      if (!key || key.revokedAt) throw notFound('API key', id);
      if (key.role === 'admin' && (await this.keys.countActiveAdmins(tx)) <= 1) {
        throw conflict('this is the last active admin key; issue another admin key before revoking it');
      }
      await this.keys.revoke(id, new Date(), tx);
    });
  }

  /**
   * Makes sure an administrator can get in. REMEDIATION_ADMIN_KEY (when set) is the environment's
   * admin key, replacing an earlier one if it changed. Without it, and with no admin key at all,
   * one is generated into the data folder, readable by the owner alone.
   */
  async ensureAdminKey(): Promise<void> {
    const fromEnv = this.config.auth.adminKey;
    await this.transactions.run(async (tx) => {
      if (fromEnv) {
        const current = await this.keys.findActiveHashBySource('environment', tx);
        if (current?.hash === hashApiKey(fromEnv)) return;
        if (current) await this.keys.revoke(current.id, new Date(), tx);
        await this.keys.insert(
          {
            name: 'admin (environment)',
            role: 'admin',
            prefix: keyPrefix(fromEnv),
            hash: hashApiKey(fromEnv),
            source: 'environment',
            createdAt: new Date(),
          },
          tx,
        );
        this.logger.log('admin key from REMEDIATION_ADMIN_KEY registered');
        return;
      }
      const file = join(resolve(this.config.database.dataDir), ADMIN_KEY_FILE);
      if ((await this.keys.countActiveAdmins(tx)) > 0) {
        if (existsSync(file)) this.logger.log(`admin key in ${file} (send it as "Authorization: Bearer <key>")`);
        return;
      }
      const key = generateApiKey();
      await this.keys.insert(
        {
          name: 'admin (generated)',
          role: 'admin',
          prefix: keyPrefix(key),
          hash: hashApiKey(key),
          source: 'generated',
          createdAt: new Date(),
        },
        tx,
      );
      mkdirSync(resolve(this.config.database.dataDir), { recursive: true, mode: 0o700 });
      writeFileSync(file, key + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
      this.logger.warn(
        `no REMEDIATION_ADMIN_KEY set: generated an admin key into ${file} (readable by you alone). ` +
          `Use it as: curl -H "Authorization: Bearer $(cat ${file})" http://localhost:${this.config.server.port}/api/v1/postmortems`,
      );
    });
  }
}
