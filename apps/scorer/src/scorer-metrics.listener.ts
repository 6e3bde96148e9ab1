import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { MetricsHttpServer, MetricsRegistry } from '@app/observability';

/**
 * The scorer's own GET /metrics (its passes, evaluations and datasource errors) on
 * `server.host`:`telemetry.scorerMetricsPort`; no listener when that is null. The remediation gauges (actions,
 * flags, scoring lag) come from the API, which reads them from the shared database.
 */
@Injectable()
export class ScorerMetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ScorerMetrics');
  private readonly server: MetricsHttpServer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: MetricsRegistry,
  ) {
    this.server = new MetricsHttpServer(metrics);
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.telemetry.scorerMetricsPort;
    if (port === null) return;
    const host = this.config.server.host;
    const bound = await this.server.listen(port, host);
    this.logger.log(`metrics on http://${host}:${bound}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
