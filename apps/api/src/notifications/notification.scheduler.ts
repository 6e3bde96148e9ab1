import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NotificationDispatcher } from './delivery/notification.dispatcher';
import { DigestService } from './digest/digest.service';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from './notification-settings';

/** A digest found missed when this process starts (it was down at the time) is still sent this late. */
const DIGEST_CATCH_UP_MS = 24 * 3_600_000;

/**
 * The tick of this process's notification work, every `notifications.pollEvery`: deliver what is
 * due, and write the weekly digest once its time has come. It never overlaps itself. Off with
 * REMEDIATION_NOTIFICATIONS=off (events are still written; another process delivers them).
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationScheduler');
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The last week whose digest this process wrote or found written. */
  private digestWeek: string | null = null;

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly dispatcher: NotificationDispatcher,
    private readonly digest: DigestService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) {
      this.logger.log('notifications off: this process records events but does not deliver them');
      return;
    }
    this.timer = setInterval(() => this.tick(), this.settings.pollEveryMs);
    this.logger.log(
      `notifications on: ${this.settings.webhooks.length} webhook target(s), polled every ${this.settings.pollEveryMs} ms`,
    );
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  tick(): void {
    if (this.running) return;
    this.running = this.round()
      .catch((err: unknown) => this.logger.error(`notification round failed: ${(err as Error).stack ?? err}`))
      .finally(() => (this.running = null));
  }

  private async round(): Promise<void> {
    await this.writeDigestIfDue(new Date());
    await this.dispatcher.dispatch(this.owner);
  }

  private async writeDigestIfDue(now: Date): Promise<void> {
    if (!this.settings.digest.enabled) return;
    const slot = this.digest.slotAt(now);
    if (slot.week === this.digestWeek) return;
    if (now.getTime() - slot.scheduledAt.getTime() <= DIGEST_CATCH_UP_MS) {
      const run = await this.digest.send(slot, now);
      if (run.created > 0) this.logger.log(`weekly digest ${run.week}: ${run.created} team(s)`);
    }
    // Only once written (or too late to send): a failed write is tried again at the next tick.
    this.digestWeek = slot.week;
  }
}
