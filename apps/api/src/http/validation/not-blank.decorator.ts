import { Matches, ValidationOptions } from 'class-validator';

/** A string with at least one non-whitespace character: a title of spaces says nothing. */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return Matches(/\S/, { message: '$property must not be blank', ...options });
}
