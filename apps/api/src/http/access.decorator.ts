import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import type { Role } from '@app/domain';

/** Who may call a route; also documents it in OpenAPI (`x-roles`, Bearer security, 401/403). */
export function Access(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    Roles(...roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles.includes('admin') ? roles : [...roles, 'admin']),
    ApiUnauthorizedResponse({ description: 'missing, unknown or revoked API key' }),
    ApiForbiddenResponse({ description: `needs the ${roles.join(' or ')} role (admin passes everywhere)` }),
  );
}
