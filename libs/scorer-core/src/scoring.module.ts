import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DatasourceRegistry } from '@app/datasources';
import { PersistenceModule } from '@app/persistence';
import { BackfillService } from './backfill.service';
import { CheckEvaluator } from './check-evaluator';
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
    { provide: DatasourceRegistry, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new DatasourceRegistry(config.datasources) },
    CheckEvaluator,
    OutcomeWriter,
    ScoringService,
    BackfillService,
    PreviewService,
  ],
  exports: [SCORING_SETTINGS, DatasourceRegistry, ScoringService, BackfillService, PreviewService],
})
export class ScoringModule {}
