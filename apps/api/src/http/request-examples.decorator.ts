import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';

/** A named example request body, as the OpenAPI document shows it. */
export interface RequestExample {
  summary: string;
  value: Record<string, unknown>;
}

/**
 * The request body of an operation with examples a reader can send as they are (the schema still
 * comes from the DTO). `test/openapi-examples.e2e-spec.ts` sends every one of them.
 */
export function RequestExamples(type: Type<unknown>, examples: Record<string, RequestExample>): MethodDecorator {
  return applyDecorators(ApiExtraModels(type), ApiBody({ schema: { $ref: getSchemaPath(type) }, examples }));
}
