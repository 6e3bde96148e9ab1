import { QueryFailedError } from 'typeorm';
import { conflict, invalidInput, type DomainError } from '@app/domain';

// PostgreSQL error codes that mean "your input", not "our bug".
const INPUT_ERRORS: Record<string, (message: string) => DomainError> = {
  '22P02': invalidInput, // invalid text representation (e.g. a malformed uuid)
  '22007': invalidInput, // invalid datetime format
  '22008': invalidInput, // datetime field overflow
  '23514': invalidInput, // check constraint
  '23505': conflict, // unique violation
};

/**
 * The domain error a failed statement stands for when the database refused the caller's input (a
 * value it cannot parse, a check or unique constraint); null for anything else, which is ours.
 */
export function inputErrorOf(exception: unknown): DomainError | null {
  if (!(exception instanceof QueryFailedError)) return null;
  const driverError = exception.driverError as { code?: string; message?: string } | undefined;
  const make = driverError?.code ? INPUT_ERRORS[driverError.code] : undefined;
  return make ? make(driverError?.message ?? exception.message) : null;
}
