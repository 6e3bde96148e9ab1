import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DatasourcesModule } from '@app/datasources';
import { PersistenceModule } from '@app/persistence';
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

/** Scoring use cases (a pass, a replay, a preview); the datasources they query come from DatasourcesModule. */
@Module({
  imports: [PersistenceModule, DatasourcesModule],
  providers: [
    { provide: SCORING_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => scoringSettings(config) },
    { provide: SCORER_ID, useFactory: scorerIdentity },
    CheckEvaluator,
    OutcomeRecompute,
    OutcomeWriter,
    ScoringService,
    BackfillService,
    ReplayNotifier,
    PreviewService,
  ],
  exports: [SCORING_SETTINGS, ScoringService, BackfillService, PreviewService],
})
export class ScoringModule {}
