import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class OtlpSelectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The OpenTelemetry metric names some success-metric selector on one of these datasources
   * names, as its metric or its denominator's.
   */
  async namedMetrics(datasources: string[]): Promise<string[]> {
    if (datasources.length === 0) return [];
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT DISTINCT name FROM (
         SELECT selector ->> 'metric' AS name FROM success_metrics
           WHERE selector IS NOT NULL AND datasource = ANY($1::text[])
         UNION
         SELECT selector -> 'denominator' ->> 'metric' FROM success_metrics
           WHERE selector IS NOT NULL AND datasource = ANY($1::text[])
       ) named WHERE name IS NOT NULL`,
      [datasources],
    );
    return rows.map((r) => r.name);
  }
}
