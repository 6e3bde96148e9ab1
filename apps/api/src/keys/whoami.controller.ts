import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@app/auth';
import type { Role } from '@app/domain';
import { Access } from '../http/access.decorator';

/** Who the caller is: the key's (or signed-in person's) name and role (docs/api.md, "Authentication and roles"). */
export class WhoamiDto {
  name: string;
  role: Role;
}

@ApiTags('keys')
@Controller('api/v1/whoami')
export class WhoamiController {
  /** Any authenticated caller may ask: a client shows only the controls its role may use. */
  @Get()
  @Access('viewer', 'editor', 'ingest', 'scorer')
  whoami(@CurrentPrincipal() principal: Principal): WhoamiDto {
    return { name: principal.name, role: principal.role };
  }
}
