import { Injectable } from '@nestjs/common';
import { ReportDataVersionRepository } from '@app/persistence';
import { VersionedCache } from './versioned-cache';

/** Enough for every team × filter a workspace cycles through; an answer is a few kilobytes. */
const MAX_KEPT_REPORTS = 256;

/**
 * The whole-table reports (burndown, summary) scan every action in scope: at a hundred thousand
 * actions that is hundreds of milliseconds of database time a request. Their inputs change only on
 * writes, which move the database's report data version (from any process), so an answer is reused
 * while the version stands: one small read instead of the scan, and never a stale answer.
 */
@Injectable()
export class ReportCache {
  private readonly answers = new VersionedCache<unknown>(MAX_KEPT_REPORTS);

  constructor(private readonly versions: ReportDataVersionRepository) {}

  /** `key` must hold everything the answer depends on besides the data (it is compared as JSON). */
  async get<T>(report: string, key: unknown, compute: () => Promise<T>): Promise<T> {
    const version = await this.versions.current();
    return (await this.answers.get(`${report}\u0000${JSON.stringify(key)}`, version, compute)) as T;
  }
}
