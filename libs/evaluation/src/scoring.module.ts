import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DatasourceRegistry, OtlpSelectorSource } from '@app/datasources';
import { PersistenceModule } from '@app/persistence';
import { DataSource } from 'typeorm';
import { BackfillService } from './backfill.service';
import { ReplayNotifier } from './replay-notifier';
import { CheckEvaluator } from './check-evaluator';
import { OutcomeRecompute } from './outcome-recompute';
import { OutcomeWriter } from './outcome-writer';
import { PreviewService } from './preview.service';
import { scorerIdentity } from './scorer-identity';
import { scoringSettings } from './scoring-settings';
import { SCORER_ID, SCORING_SETTINGS } from './scoring-settings.token';
import { ScoringService } from './scoring.service';

/** Scoring use cases (a pass, a replay, a preview) and the configured datasources they query. */
@Module({
  imports: [PersistenceModule],
  providers: [
    { provide: SCORING_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => scoringSettings(config) },
    { provide: SCORER_ID, useFactory: scorerIdentity },
    {
      provide: DatasourceRegistry,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, db: DataSource) => {
        const registry = new DatasourceRegistry(config.datasources);
        // Every `otlp` datasource reads the points the built-in OTLP receiver stored.
        for (const ds of config.datasources) {
          if (ds.type === 'otlp') registry.register(new OtlpSelectorSource(ds.name, (sql, params) => db.query(sql, params)));
        }
        return registry;
      },
    },
    CheckEvaluator,
    OutcomeRecompute,
    OutcomeWriter,
    ScoringService,
    BackfillService,
    ReplayNotifier,
    PreviewService,
  ],
  exports: [SCORING_SETTINGS, DatasourceRegistry, ScoringService, BackfillService, PreviewService],
})
export class ScoringModule {}
