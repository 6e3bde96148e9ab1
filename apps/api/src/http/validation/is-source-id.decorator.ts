import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { SOURCE_ID_PATTERN, SOURCE_ID_RULE } from '@app/domain';

/**
 * `sourceId`: the stable id a definitions file gives the resource (docs/definitions.md), unique
 * per kind; optional, null clears it. A duplicate is the database's unique index's 409.
 */
export function IsSourceId(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      example: 'checkout-outage',
      pattern: SOURCE_ID_PATTERN.source,
    }),
    IsOptional(),
    Matches(SOURCE_ID_PATTERN, { message: `sourceId ${SOURCE_ID_RULE}` }),
    IsString(),
  );
}
