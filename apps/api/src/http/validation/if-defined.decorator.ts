import { ValidateIf } from 'class-validator';

/**
 * Optional but not nullable: an absent field is skipped, an explicit null is validated (and so
 * refused). `@IsOptional()` would let a null through to a NOT NULL column.
 */
export function IfDefined(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
