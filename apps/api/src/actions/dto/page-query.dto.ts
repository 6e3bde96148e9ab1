import { IsInt, IsString, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../action.constants';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { QueryInteger } from '../../http/validation/query-integer.decorator';

export class PageQueryDto {
  /** Page size, 1..200; default 50. */
  @IfDefined()
  @QueryInteger()
  @Max(MAX_PAGE_SIZE)
  @Min(1)
  @IsInt()
  limit?: number;

  /** `nextCursor` from the previous page. */
  @IfDefined()
  @IsString()
  cursor?: string;
}
