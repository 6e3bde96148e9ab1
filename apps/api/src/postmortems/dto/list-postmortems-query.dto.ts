import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { PostmortemKind, Severity } from '@app/persistence';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_SERVICE_LENGTH,
  MAX_TITLE_LENGTH,
  POSTMORTEM_KINDS,
  SERVICE_NAME,
  SEVERITIES,
} from '../postmortem.constants';
import { QueryInteger } from '../../http/validation/query-integer.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { IsSourceId } from '../../http/validation/is-source-id.decorator';

// Decorators apply bottom-up and the first failure is reported: type checks sit nearest the property.
// Query values arrive as strings (implicit conversion is off), hence @QueryInteger on limit.
export class ListPostmortemsQueryDto {
  @IsOptional()
  @IsIn(POSTMORTEM_KINDS)
  kind?: PostmortemKind;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  /** Only post-mortems that list this service. */
  @IsOptional()
  @Matches(SERVICE_NAME, { message: 'service must be lowercase letters, digits, "-", "_" or "."' })
  @Length(1, MAX_SERVICE_LENGTH)
  @IsString()
  service?: string;

  /** occurredAt at or after this instant (ISO-8601). */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** occurredAt before this instant (ISO-8601, exclusive). */
  @IsOptional()
  @IsInstant()
  to?: string;

  /** Title contains this text, ignoring case (`%` and `_` match themselves). */
  @IsOptional()
  @Length(1, MAX_TITLE_LENGTH)
  @IsString()
  q?: string;

  /** Only the one a definitions file gave this stable id (docs/definitions.md). */
  @IsSourceId()
  sourceId?: string;

  /** Page size, 1..200; default 50. */
  @IsOptional()
  @QueryInteger()
  @Max(MAX_PAGE_SIZE)
  @Min(1)
  @IsInt()
  limit?: number = DEFAULT_PAGE_SIZE;

  /** `nextCursor` from the previous page. */
  @IsOptional()
  @IsString()
  cursor?: string;
}
