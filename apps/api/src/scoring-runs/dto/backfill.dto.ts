import { IsString } from 'class-validator';
import { IsInstant } from '../../http/validation/is-instant.decorator';

/** Replays checks at every multiple of `every` (from the epoch) in [from, to], oldest first. */
export class BackfillDto {
  @IsInstant()
  from: string;

  /** Not in the future. */
  @IsInstant()
  to: string;

  /** A duration, e.g. `1h`, at least 1m; at most 5,000 checks per request. */
  @IsString()
  every: string;
}
