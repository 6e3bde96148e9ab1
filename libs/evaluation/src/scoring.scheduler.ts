import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { ScoringSettings } from './scoring-settings';
import { SCORING_SETTINGS } from './scoring-settings.token';
import { ScoringService } from './scoring.service';

const INTERVAL_NAME = 'scoring-tick';

/**
 * The tick: every `scoring.tickEvery`, run one pass at now for the metrics that are due. It does
 * nothing else — claiming is the pass's first statement, so replicas need no lock between them —
 * and it never overlaps itself: a tick that finds the previous pass still running is dropped.
 * Off when `scheduler.enabled` is false (REMEDIATION_SCHEDULER=off).
 */
@Injectable()
export class ScoringScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ScoringScheduler');
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SCORING_SETTINGS) private readonly settings: ScoringSettings,
    private readonly registry: SchedulerRegistry,
    private readonly scoring: ScoringService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler.enabled) {
      this.logger.log('scheduler off: this process does not score on its own');
      return;
    }
    this.registry.addInterval(
      INTERVAL_NAME,
      setInterval(() => this.tick(), this.settings.tickEveryMs),
    );
    this.logger.log(`scheduler on: a pass every ${this.config.scoring.tickEvery}`);
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    await this.running;
  }

  /** Starts a pass unless one is running; errors are logged, the next tick tries again. */
  tick(): void {
    if (this.running) return;
    this.running = this.scoring
      .runPass({ at: new Date(), dueOnly: true })
      .then(
        () => undefined,
        (err: unknown) => this.logger.error(`scoring pass failed: ${(err as Error).stack ?? err}`),
      )
      .finally(() => (this.running = null));
  }
}
