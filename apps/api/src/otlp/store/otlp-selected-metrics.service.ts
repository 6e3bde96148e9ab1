import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { OtlpSelectionRepository } from '@app/persistence';

// How long the set of selected metric names is reused: a new success metric's data is kept from
// at most this long after it is saved.
const CACHE_MS = 5_000;

/** The metric names the receiver keeps: those some selector on an `otlp` datasource names. */
@Injectable()
export class OtlpSelectedMetrics {
  private cached: { names: Set<string>; at: number } | null = null;
  private loading: Promise<Set<string>> | null = null;
  private readonly datasources: string[];

  constructor(
    private readonly selections: OtlpSelectionRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.datasources = config.datasources.filter((d) => d.type === 'otlp').map((d) => d.name);
  }

  async names(now = Date.now()): Promise<Set<string>> {
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.names;
    // One query however many exports arrive while it runs.
    this.loading ??= this.selections
      .namedMetrics(this.datasources)
      .then((list) => {
        const names = new Set(list);
        this.cached = { names, at: Date.now() };
        return names;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }
}
