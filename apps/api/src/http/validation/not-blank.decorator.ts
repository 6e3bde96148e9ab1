import { Matches, ValidationOptions } from 'class-validator';

/**
 * At least one character that shows: whitespace and invisible characters (zero-width spaces and
 * joiners, the byte-order mark, word joiners: Unicode's default-ignorable code points) say nothing.
 */
export const VISIBLE_CHARACTER = /[^\s\p{Default_Ignorable_Code_Point}]/u;

/** A string a reader can see: a title of spaces or zero-width characters says nothing. */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return Matches(VISIBLE_CHARACTER, { message: '$property must not be blank', ...options });
}
