import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { FLAG_KINDS, type FlagKind } from '@app/domain';
import { MAX_PAGE_SIZE, MAX_TEAM_LENGTH } from '../../actions/action.constants';
import { toQueryBoolean } from '../../actions/validation/query-list';
import { IfDefined } from '../../http/validation/if-defined.decorator';

export class ListFlagsQueryDto {
  /** true: only active flags; false: only cleared ones; absent: both. */
  @IfDefined()
  @Transform(({ value }) => toQueryBoolean(value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @IfDefined()
  @IsIn(FLAG_KINDS)
  kind?: FlagKind;

  /** The owning team of the flagged action, exactly. */
  @IfDefined()
  @Length(1, MAX_TEAM_LENGTH)
  @IsString()
  team?: string;

  /** At most this many, newest raise first; default 200. */
  @IfDefined()
  @Type(() => Number)
  @Max(MAX_PAGE_SIZE)
  @Min(1)
  @IsInt()
  limit?: number;
}
