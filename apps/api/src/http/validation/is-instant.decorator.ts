import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
import { isInstant } from './instant';

/** An ISO-8601 date-time with a time zone, e.g. `2025-01-31T14:05:00Z`; a calendar date alone is refused. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO-8601 date-time with a time zone, e.g. 2025-01-31T14:05:00Z`,
          options,
        ),
      },
    },
    options,
  );
}
