import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Unknown fields are rejected, payloads are turned into DTO class instances, and every error
 * names its field by path (`timeline.0.at`), so a client knows what to fix.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new BadRequestException(flatten(errors)),
  });
}

/** The options every body and query is validated with, for code that validates a DTO itself. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true } as const;

/** class-validator's errors as messages that each name their field by path. */
export function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((m) => (m.startsWith(path) ? m : `${path}: ${m}`));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
