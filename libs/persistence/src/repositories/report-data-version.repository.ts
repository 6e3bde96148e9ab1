import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The committed version of what the whole-table reports read: it moves with every committed write
 * to actions, post-mortems, flags or the set of metrics, from any process (database triggers move it).
 */
@Injectable()
export class ReportDataVersionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(): Promise<bigint> {
    const rows: Array<{ version: string }> = await this.dataSource.query(
      `SELECT version::text AS version FROM report_data_version`,
    );
    // Read as text: a bigint may pass a JavaScript number's exact range.
    return BigInt(rows[0].version);
  }
}
