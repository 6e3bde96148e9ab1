import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth';
import { MetricsRegistry } from '@app/observability';

/** GET /metrics: the service's own telemetry in the Prometheus text exposition format, no key needed. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsEndpointController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.registry.metrics();
    res.status(200).set('Content-Type', this.registry.contentType).send(body);
  }
}
