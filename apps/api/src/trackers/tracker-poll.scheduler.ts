import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { parseDuration } from '@app/domain';
import { TrackerPollService } from './tracker-poll.service';

/**
 * Polls each configured tracker every `pollEvery` (docs/trackers.md, "Polling"), the first round
 * one period after start; a tracker's round never overlaps itself. Every API process polls, also
 * with the scoring scheduler off (the API of a deployment with separate scorers is the only
 * process that knows the trackers): replicas polling the same change apply it once (see
 * TrackerStatusSync). `POST /api/v1/trackers/<name>/poll` runs a round on demand.
 */
@Injectable()
export class TrackerPollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TrackerPoll');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly polls: TrackerPollService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.trackers.length === 0) return;
    for (const tracker of this.config.trackers)
      this.timers.push(setInterval(() => this.tick(tracker.name), parseDuration(tracker.pollEvery)));
    this.logger.log(`polling ${this.config.trackers.length} tracker(s) for changes webhooks missed`);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    await Promise.all(this.running.values());
  }

  private tick(name: string): void {
    if (this.running.has(name)) return;
    const round = this.polls
      .poll(name)
      .then((done) => {
        if (done.changed.length > 0)
          this.logger.log(`tracker ${name}: ${done.changed.length} change(s) found by polling`);
      })
      .catch((err: unknown) => this.logger.error(`poll of tracker ${name} failed: ${(err as Error).stack ?? err}`))
      .finally(() => this.running.delete(name));
    this.running.set(name, round);
  }
}
