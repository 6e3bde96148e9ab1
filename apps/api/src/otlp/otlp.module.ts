import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { OtlpController } from './otlp.controller';
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
export class OtlpModule {}
