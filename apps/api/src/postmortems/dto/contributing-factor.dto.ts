import { IsIn, IsString, Length } from 'class-validator';
import { FACTOR_CATEGORIES, FACTOR_KINDS, MAX_ENTRY_TEXT_LENGTH } from '../postmortem.constants';
import { NotBlank } from '../../http/validation/not-blank.decorator';

// Decorators apply bottom-up and the first failure is reported: type checks sit nearest the property.
export class ContributingFactorDto {
  /** `trigger`: the "sharp end", what set it off; `latent`: the "blunt end", conditions that let it happen. */
  @IsIn(FACTOR_KINDS)
  kind: 'trigger' | 'latent';

  @IsIn(FACTOR_CATEGORIES)
  category: 'people' | 'process' | 'technology';

  /** The factor, as plain text (1..2000 characters). */
  @NotBlank()
  @Length(1, MAX_ENTRY_TEXT_LENGTH)
  @IsString()
  text: string;
}
