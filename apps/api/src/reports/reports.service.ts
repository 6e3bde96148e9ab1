import { Injectable } from '@nestjs/common';
import { SummaryReportRepository } from '@app/persistence';
import type { SummaryReportDto } from './dto/summary-report.dto';
import type { SummaryReportQueryDto } from './dto/summary-report-query.dto';
import { toSummaryReportDto } from './summary-report.mapper';

@Injectable()
export class ReportsService {
  constructor(private readonly summaries: SummaryReportRepository) {}

  async summary(query: SummaryReportQueryDto, now = new Date()): Promise<SummaryReportDto> {
    const rows = await this.summaries.counts({
      ownerTeam: query.team,
      service: query.service,
      priorities: query.priority,
      severities: query.severity,
      postmortemId: query.postmortemId,
    });
    return toSummaryReportDto(rows, now);
  }
}
