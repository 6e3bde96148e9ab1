import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
import { utf8Bytes } from './utf8-bytes';

/** A string of at most `max` bytes once encoded as UTF-8. */
export function MaxUtf8Bytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxUtf8Bytes',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && utf8Bytes(value) <= max,
        defaultMessage: buildMessage((each) => `${each}$property must be at most ${max} bytes of UTF-8`, options),
      },
    },
    options,
  );
}
