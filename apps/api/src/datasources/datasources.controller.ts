import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Access } from '../http/access.decorator';
import { DatasourceDto } from './datasource.dto';

@ApiTags('datasources')
@Controller('api/v1/datasources')
export class DatasourcesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The configured datasources a success metric may name. Headers and URL credentials are never shown. */
  @Get()
  @Access('viewer')
  list(): DatasourceDto[] {
    return this.config.datasources.map((ds) => ({
      name: ds.name,
      type: ds.type,
      url: ds.url ? withoutCredentials(ds.url) : null,
      timeoutMs: ds.timeoutMs,
      maxConcurrency: ds.maxConcurrency,
    }));
  }
}

function withoutCredentials(raw: string): string {
  const url = new URL(raw);
  if (!url.username && !url.password) return raw;
  url.username = '';
  url.password = '';
  return url.toString();
}
