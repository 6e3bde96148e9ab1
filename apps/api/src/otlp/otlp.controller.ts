import { Controller, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../http/access.decorator';
import { OtlpErrorFilter } from './otlp-error.filter';
import { OtlpExportService } from './otlp-export.service';

/** The OTLP/HTTP metrics receiver: point an SDK or a Collector's otlphttp exporter here. */
@ApiTags('otlp')
@Controller('v1/metrics')
@UseFilters(OtlpErrorFilter)
export class OtlpController {
  constructor(private readonly exporter: OtlpExportService) {}

  @Post()
  @HttpCode(200)
  @Access('ingest')
  @ApiConsumes('application/x-protobuf', 'application/json')
  @ApiOkResponse({ description: 'an ExportMetricsServiceResponse (partialSuccess when points were refused)' })
  async export(@Req() req: Request, @Res() res: Response): Promise<void> {
    const reply = await this.exporter.export(req);
    res.status(200).type(reply.contentType).send(reply.body);
  }
}
