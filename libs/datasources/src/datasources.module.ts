import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { OtlpSeriesRepository, OtlpWindowRepository, PersistenceModule } from '@app/persistence';
import { DatasourceRegistry } from './datasource-registry';
import { OtlpSelectorSource } from './otlp/otlp-selector.source';

/**
 * The configured datasources, one registry per process: whoever queries a datasource (a scoring
 * pass, a preview, a metric's query checked on attach) shares its clients and their concurrency limits.
 */
@Module({
  imports: [PersistenceModule],
  providers: [
    {
      provide: DatasourceRegistry,
      inject: [APP_CONFIG, OtlpWindowRepository, OtlpSeriesRepository],
      useFactory: (config: AppConfig, otlpPoints: OtlpWindowRepository, otlpSeries: OtlpSeriesRepository) => {
        const registry = new DatasourceRegistry(config.datasources);
        // Every `otlp` datasource reads the points the built-in OTLP receiver stored.
        for (const ds of config.datasources) {
          if (ds.type === 'otlp') registry.register(new OtlpSelectorSource(ds.name, otlpPoints, otlpSeries));
        }
        return registry;
      },
    },
  ],
  exports: [DatasourceRegistry],
})
export class DatasourcesModule {}
