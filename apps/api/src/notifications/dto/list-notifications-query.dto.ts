import { IsIn, IsString, Length } from 'class-validator';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '@app/domain';
import { DELIVERY_STATES, type DeliveryState } from '@app/persistence';
import { PageQueryDto } from '../../actions/dto/page-query.dto';
import { IfDefined } from '../../http/validation/if-defined.decorator';

export class ListNotificationsQueryDto extends PageQueryDto {
  @IfDefined()
  @IsIn(DELIVERY_STATES)
  state?: DeliveryState;

  /** The event type. */
  @IfDefined()
  @IsIn(NOTIFICATION_EVENT_TYPES)
  type?: NotificationEventType;

  /** The target's configured name. */
  @IfDefined()
  @Length(1, 63)
  @IsString()
  target?: string;
}
