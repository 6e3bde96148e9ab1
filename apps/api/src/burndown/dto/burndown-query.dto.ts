import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PRIORITIES, type Priority } from '@app/domain';
import type { Severity } from '@app/persistence';
import { BURNDOWN_INTERVALS, type BurndownInterval } from '@app/scoring';
import { MAX_SERVICE_LENGTH, MAX_TEAM_LENGTH, SERVICE_NAME } from '../../actions/action.constants';
import { toQueryList } from '../../actions/validation/query-list';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { IsTimeZone } from '../../http/validation/is-time-zone.decorator';
import { SEVERITIES } from '../../postmortems/postmortem.constants';

export class BurndownQueryDto {
  /** Start of the range (ISO-8601 with a zone); default `to` minus 12 weeks. */
  @IfDefined()
  @IsInstant()
  from?: string;

  /** End of the range (ISO-8601 with a zone); default now. */
  @IfDefined()
  @IsInstant()
  to?: string;

  /** Bucket size; default `day` for ranges up to 92 days, else `week` (ISO weeks, from Monday). */
  @IfDefined()
  @IsIn(BURNDOWN_INTERVALS)
  interval?: BurndownInterval;

  /** IANA time zone whose local midnights bound the buckets; default UTC. */
  @IfDefined()
  @IsTimeZone()
  tz?: string;

  /** The owning team, exactly. */
  @IfDefined()
  @Length(1, MAX_TEAM_LENGTH)
  @IsString()
  team?: string;

  /** Actions whose services include this one. */
  @IfDefined()
  @Matches(SERVICE_NAME, { message: 'service must be lowercase letters, digits, "-", "_" or "."' })
  @Length(1, MAX_SERVICE_LENGTH)
  @IsString()
  service?: string;

  /** One priority or several, comma separated: `P0,P1`. */
  @IfDefined()
  @Transform(({ value }) => toQueryList(value))
  @IsIn(PRIORITIES, {
    each: true,
    message: `priority must be one or more of ${PRIORITIES.join(', ')}, comma separated`,
  })
  priority?: Priority[];

  /** The post-mortem's severity, one or several, comma separated: `SEV1,SEV2`. */
  @IfDefined()
  @Transform(({ value }) => toQueryList(value))
  @IsIn(SEVERITIES, {
    each: true,
    message: `severity must be one or more of ${SEVERITIES.join(', ')}, comma separated`,
  })
  severity?: Severity[];

  @IfDefined()
  @IsUUID('all')
  postmortemId?: string;
}
