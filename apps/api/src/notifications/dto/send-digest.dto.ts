import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';

export class SendDigestDto {
  /** Which week: the one whose scheduled digest time is the latest at or before this; default now, not in the future. */
  @IfDefined()
  @IsInstant()
  at?: string;
}
