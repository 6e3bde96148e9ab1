import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import type { RawBodyRequest } from './webhook-body';
import { TrackerWebhookService } from './tracker-webhook.service';
import type { StatusSyncOutcome } from './tracker-status.sync';
import { WebhookRateLimitGuard } from './webhook-rate-limit.guard';

@ApiTags('trackers')
@Controller('api/v1/trackers')
export class TrackerWebhookController {
  constructor(private readonly webhooks: TrackerWebhookService) {}

  /**
   * A tracker's webhook delivery (docs/trackers.md, "Webhooks"). No API key: the tracker's
   * signature authenticates it. Answered 200 whatever it did (applied, ignored, duplicate), so
   * the tracker does not retry what was received. Left out of the OpenAPI document: a tracker
   * calls it, not a script, and it takes no API key.
   */
  @Post(':name/webhook')
  @Public()
  @ApiExcludeEndpoint()
  @UseGuards(WebhookRateLimitGuard)
  @HttpCode(200)
  receive(
    @Param('name') name: string,
    @Req() req: RawBodyRequest,
    @Body() payload: unknown,
  ): Promise<StatusSyncOutcome> {
    return this.webhooks.receive(name, req.headers, req.rawBody, payload);
  }
}
