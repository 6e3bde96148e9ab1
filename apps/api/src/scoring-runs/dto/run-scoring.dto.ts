import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';

export class RunScoringDto {
  /** Only these actions' metrics; default: every metric. */
  @IfDefined()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  @IsArray()
  actionIds?: string[];

  /** Score as of this time (a past time replays it); default now, not in the future. */
  @IfDefined()
  @IsInstant()
  at?: string;
}
