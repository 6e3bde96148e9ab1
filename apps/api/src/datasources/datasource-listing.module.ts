import { Module } from '@nestjs/common';
import { DatasourcesModule } from '@app/datasources';
import { DatasourcesController } from './datasources.controller';
import { MetricNamesService } from './metric-names.service';

/**
 * GET /api/v1/datasources: the configured datasources, listed from the configuration, with their
 * circuits; and each one's metric names, for completion.
 */
@Module({ imports: [DatasourcesModule], controllers: [DatasourcesController], providers: [MetricNamesService] })
export class DatasourceListingModule {}
