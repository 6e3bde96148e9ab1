import { Module } from '@nestjs/common';
import { DatasourcesModule } from '@app/datasources';
import { DatasourcesController } from './datasources.controller';

/** GET /api/v1/datasources: the configured datasources, listed from the configuration, with their circuits. */
@Module({ imports: [DatasourcesModule], controllers: [DatasourcesController] })
export class DatasourceListingModule {}
