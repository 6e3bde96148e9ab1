import { Injectable } from '@nestjs/common';
import { SummaryReportRepository, type SummaryFilter } from '@app/persistence';
import { ReportCache } from './report-cache';
import type { SummaryReportDto } from './dto/summary-report.dto';
import type { SummaryReportQueryDto } from './dto/summary-report-query.dto';
import { toSummaryReportDto } from './summary-report.mapper';

@Injectable()
export class ReportsService {
  constructor(
    private readonly summaries: SummaryReportRepository,
    private readonly cache: ReportCache,
  ) {}

  async summary(query: SummaryReportQueryDto, now = new Date()): Promise<SummaryReportDto> {
    const filter: SummaryFilter = {
      ownerTeam: query.team,
      service: query.service,
      priorities: query.priority,
      severities: query.severity,
      postmortemId: query.postmortemId,
    };
    const rows = await this.cache.get('summary', filter, () => this.summaries.counts(filter));
    return toSummaryReportDto(rows, now);
  }
}
