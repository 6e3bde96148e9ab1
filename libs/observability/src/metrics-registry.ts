import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The service's own Prometheus registry, scraped at GET /metrics. One per process (a provider, not
 * prom-client's global registry, so tests and several Nest apps in one process do not collide).
 * Node's default metrics (process CPU, memory, event loop lag, GC…) are registered on creation;
 * other modules add their metrics to `registry`.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: every metric's collect() callback runs now, at scrape time. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
