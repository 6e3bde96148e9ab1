import { IsString, Length } from 'class-validator';
import { MAX_ENTRY_TEXT_LENGTH } from '../postmortem.constants';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { NotBlank } from '../../http/validation/not-blank.decorator';

// class-validator applies decorators bottom-up and reports the first failure: the type check sits
// nearest the property, so a wrong type is reported as such and not as a failed length.
export class TimelineEntryDto {
  /** When it happened (ISO-8601 with a time zone). */
  @IsInstant()
  at: string;

  /** What happened, as plain text (1..2000 characters). */
  @NotBlank()
  @Length(1, MAX_ENTRY_TEXT_LENGTH)
  @IsString()
  text: string;
}
