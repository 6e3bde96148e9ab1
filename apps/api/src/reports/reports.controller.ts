import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../http/access.decorator';
import { SummaryReportQueryDto } from './dto/summary-report-query.dto';
import { SummaryReportDto } from './dto/summary-report.dto';
import { ReportsService } from './reports.service';
import { renderSummaryCsv } from './summary-csv.renderer';
import { SUMMARY_CSV_CONTENT_TYPE, SUMMARY_CSV_DISPOSITION } from './summary-format';

@ApiTags('reports')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * Counts by status, priority, active flag and team; telemetry coverage; verified by telemetry vs
   * manually; median time to verification. `?format=csv` gives the same numbers as a download.
   */
  @Get('summary')
  @Access('viewer')
  @ApiExtraModels(SummaryReportDto)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SummaryReportDto) } },
      [SUMMARY_CSV_CONTENT_TYPE]: { schema: { type: 'string', description: 'rows `section,key,value`' } },
    },
  })
  async summary(
    @Query() query: SummaryReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SummaryReportDto | string> {
    const report = await this.reports.summary(query);
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', SUMMARY_CSV_CONTENT_TYPE);
    response.setHeader('Content-Disposition', SUMMARY_CSV_DISPOSITION);
    return renderSummaryCsv(report);
  }
}
