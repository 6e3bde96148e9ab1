import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ACTION_STATUSES, FLAG_KINDS, PRIORITIES, type ActionStatus, type FlagKind, type Priority } from '@app/domain';
import { MAX_SERVICE_LENGTH, MAX_TEAM_LENGTH, MAX_TITLE_LENGTH, SERVICE_NAME } from '../action.constants';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { toQueryBoolean, toQueryList } from '../validation/query-list';
import { PageQueryDto } from './page-query.dto';
import { IsSourceId } from '../../http/validation/is-source-id.decorator';

export class ListActionsQueryDto extends PageQueryDto {
  /** One status or several, comma separated: `open,in_progress`. */
  @IfDefined()
  @Transform(({ value }) => toQueryList(value))
  @IsIn(ACTION_STATUSES, {
    each: true,
    message: `status must be one or more of ${ACTION_STATUSES.join(', ')}, comma separated`,
  })
  status?: ActionStatus[];

  /** The owning team, exactly. */
  @IfDefined()
  @Length(1, MAX_TEAM_LENGTH)
  @IsString()
  team?: string;

  /** One priority or several, comma separated: `P0,P1`. */
  @IfDefined()
  @Transform(({ value }) => toQueryList(value))
  @IsIn(PRIORITIES, {
    each: true,
    message: `priority must be one or more of ${PRIORITIES.join(', ')}, comma separated`,
  })
  priority?: Priority[];

  /** Actions whose services include this one. */
  @IfDefined()
  @Matches(SERVICE_NAME, { message: 'service must be lowercase letters, digits, "-", "_" or "."' })
  @Length(1, MAX_SERVICE_LENGTH)
  @IsString()
  service?: string;

  @IfDefined()
  @IsUUID('all')
  postmortemId?: string;

  /** Actions with an active flag of this kind. */
  @IfDefined()
  @IsIn(FLAG_KINDS)
  flag?: FlagKind;

  /** true: past dueAt and not verified or wont_fix; false: the others. */
  @IfDefined()
  @Transform(({ value }) => toQueryBoolean(value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  /** Title contains this text, ignoring case (`%` and `_` match themselves). */
  @IfDefined()
  @Length(1, MAX_TITLE_LENGTH)
  @IsString()
  q?: string;

  /** Only the one a definitions file gave this stable id (docs/definitions.md). */
  @IsSourceId()
  sourceId?: string;
}
