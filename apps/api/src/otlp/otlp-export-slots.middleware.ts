import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { sendOtlpError } from './otlp-error.filter';
import { ExportSlots } from './otlp-export.slots';
import { OtlpIngestStats } from './otlp-ingest.stats';

// Exports drain in tens of milliseconds: a second is long enough for a busy receiver.
const BUSY_RETRY_AFTER_S = 1;

/**
 * Holds a slot for each export from its arrival to its answer, ahead of the key check: with the
 * embedded database that check waits for the one connection, and requests piling up there would
 * never be told to come back later.
 */
@Injectable()
export class OtlpExportSlotsMiddleware implements NestMiddleware {
  private readonly slots: ExportSlots;

  constructor(
    private readonly stats: OtlpIngestStats,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.slots = new ExportSlots(config.otlp.maxConcurrentExports);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (!this.slots.take()) {
      this.stats.recordFailure(429);
      const message = `the receiver is busy with ${this.slots.inUse} exports; retry in ${BUSY_RETRY_AFTER_S} s`;
      sendOtlpError(req, res, { status: 429, message, retryAfter: BUSY_RETRY_AFTER_S });
      return;
    }
    // 'close' comes once per response, answered or aborted.
    res.once('close', () => this.slots.release());
    next();
  }
}
