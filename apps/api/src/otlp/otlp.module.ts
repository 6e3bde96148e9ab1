import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { OtlpController } from './otlp.controller';
import { OtlpExportSlotsMiddleware } from './otlp-export-slots.middleware';
import { OtlpExportService } from './otlp-export.service';
import { OtlpIngestStats } from './otlp-ingest.stats';
import { OtlpPointStore } from './store/otlp-point.store';
import { OtlpRetentionService } from './store/otlp-retention.service';

@Module({
  imports: [PersistenceModule],
  controllers: [OtlpController],
  providers: [OtlpExportService, OtlpPointStore, OtlpRetentionService, OtlpIngestStats],
  exports: [OtlpIngestStats],
})
export class OtlpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(OtlpExportSlotsMiddleware).forRoutes({ path: 'v1/metrics', method: RequestMethod.POST });
  }
}
