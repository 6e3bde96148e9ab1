import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
import { isTimeZone } from '@app/scoring';

/** An IANA time zone name such as `Europe/Berlin` or `UTC` (offsets like `+02:00` are refused). */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => isTimeZone(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an IANA time zone name, e.g. Europe/Berlin or UTC`,
          options,
        ),
      },
    },
    options,
  );
}
