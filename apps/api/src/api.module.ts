import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthModule, ApiKeyGuard } from '@app/auth';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ScoringSchedulerModule } from '@app/evaluation';
import { DatasourceListingModule } from './datasources/datasource-listing.module';
import { HealthModule } from './health/health.module';
import { HttpErrorFilter } from './http/http-error.filter';
import { LoggingModule } from './http/logging.module';
import { RateLimitGuard } from './http/rate-limit.guard';
import { KeysModule } from './keys/keys.module';
import { PostmortemsModule } from './postmortems/postmortems.module';
import { PublicationsModule } from './publications/publications.module';
import { ActionsModule } from './actions/actions.module';
import { SuccessMetricsModule } from './success-metrics/success-metrics.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { FlagsModule } from './flags/flags.module';
import { ScoringRunsModule } from './scoring-runs/scoring-runs.module';
import { OtlpModule } from './otlp/otlp.module';
import { ServiceTelemetryModule } from './service-telemetry/service-telemetry.module';
import { BurndownModule } from './burndown/burndown.module';
import { ReportsModule } from './reports/reports.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SignInModule } from './sign-in/sign-in.module';
import { TrackersModule } from './trackers/trackers.module';
import { TrackerImportModule } from './trackers/tracker-import.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    AuthModule,
    HealthModule,
    KeysModule,
    SignInModule,
    DatasourceListingModule,
    PostmortemsModule,
    PublicationsModule,
    ActionsModule,
    TrackersModule,
    TrackerImportModule,
    SuccessMetricsModule,
    EvaluationsModule,
    FlagsModule,
    ScoringRunsModule,
    OtlpModule,
    ServiceTelemetryModule,
    BurndownModule,
    ReportsModule,
    NotificationsModule,
    // The scoring tick in-process (npm start); off with REMEDIATION_SCHEDULER=off.
    ScoringSchedulerModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    // Order matters: check the key (failures count per address), then count the key's requests,
    // so a token that does not authenticate never gets a rate window of its own.
    { provide: APP_GUARD, useExisting: ApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class ApiModule {}
