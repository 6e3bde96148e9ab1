import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../http/access.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { SEND_DIGEST_EXAMPLES } from './dto/digest.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { NotificationDeliveryDto } from './dto/notification-delivery.dto';
import { DigestRunDto } from './dto/digest-run.dto';
import { ListNotificationsQueryDto } from './dto/list-notifications-query.dto';
import { NotificationPageDto } from './dto/notification-page.dto';
import { SendDigestDto } from './dto/send-digest.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Webhook deliveries, newest first, with their state and attempts; targets by name only. */
  @Get()
  @Access('viewer')
  list(@Query() query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    return this.notifications.page(query);
  }

  /** Queues a failed delivery again, due now with a fresh attempt budget; the event id stays the same. 409 unless it failed. */
  @Post(':id/redeliver')
  @HttpCode(200)
  @Access('admin')
  redeliver(@Param('id', UuidParamPipe) id: string): Promise<NotificationDeliveryDto> {
    return this.notifications.redeliver(id);
  }

  /** Writes the weekly digest of the week `at` falls in, for every team with open actions — once per team and week. */
  @Post('digest')
  @HttpCode(200)
  @Access('scorer')
  @RequestExamples(SendDigestDto, SEND_DIGEST_EXAMPLES)
  sendDigest(@Body() body: SendDigestDto): Promise<DigestRunDto> {
    return this.notifications.sendDigest(body);
  }
}
