import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Unknown fields are rejected, payloads are turned into DTO class instances, and every error
 * names its field by path (`timeline.0.at`), so a client knows what to fix.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => new BadRequestException(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((m) => (m.startsWith(path) ? m : `${path}: ${m}`));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
