import { SetMetadata } from '@nestjs/common';
import type { Role } from '@app/domain';

export const ROLES_KEY = 'remediation:roles';

/**
 * The roles a route accepts. `admin` passes everywhere; `editor` passes wherever `viewer` does;
 * `ingest` and `scorer` pass only where named.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export const PUBLIC_KEY = 'remediation:public';
/** No API key needed (health, own metrics, the dashboard shell). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

export function roleSatisfies(held: Role, accepted: readonly Role[]): boolean {
  if (held === 'admin') return true;
  if (accepted.includes(held)) return true;
  return held === 'editor' && accepted.includes('viewer');
}
