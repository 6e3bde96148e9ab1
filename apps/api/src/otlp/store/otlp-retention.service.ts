import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { OtlpPointRepository, OtlpSeriesRepository } from '@app/persistence';
import { parseDuration } from '@app/domain';

// Points deleted per statement: short statements, so ingestion (and the embedded database's one
// connection) is never held for long.
const BATCH = 10_000;

/** Deletes OTLP points older than the retention, every `otlp.purgeEvery`, in this process. */
@Injectable()
export class OtlpRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OtlpRetention');
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly retentionMs: number;
  private readonly everyMs: number;

  constructor(
    private readonly points: OtlpPointRepository,
    private readonly series: OtlpSeriesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.retentionMs = parseDuration(config.otlp.retention);
    this.everyMs = parseDuration(config.otlp.purgeEvery);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), this.everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One purge pass; returns the points deleted (0 when a pass is already running). */
  async purge(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    const cutoff = new Date(now - this.retentionMs);
    let total = 0;
    try {
      for (;;) {
        const n = await this.points.purgeBatch(cutoff, BATCH);
        total += n;
        if (n < BATCH) break;
      }
      const series = await this.series.deleteEmptyOlderThan(cutoff);
      if (total > 0 || series > 0)
        this.logger.log(`purged ${total} points and ${series} series older than ${cutoff.toISOString()}`);
    } catch (err) {
      this.logger.error(`retention purge failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
    return total;
  }
}
