import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { FLAG_KINDS, type FlagKind } from '@app/domain';
import { MAX_TEAM_LENGTH } from '../../actions/action.constants';
import { PageQueryDto } from '../../actions/dto/page-query.dto';
import { toQueryBoolean } from '../../actions/validation/query-list';
import { IfDefined } from '../../http/validation/if-defined.decorator';

export class ListFlagsQueryDto extends PageQueryDto {
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
}
