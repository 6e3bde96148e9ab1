import { Module } from '@nestjs/common';
import { DatasourcesController } from './datasources.controller';

/** GET /api/v1/datasources: the configured datasources, listed from the configuration. */
@Module({ controllers: [DatasourcesController] })
export class DatasourceListingModule {}
