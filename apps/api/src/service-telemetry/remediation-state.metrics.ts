import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { MetricsRegistry } from '@app/observability';
import { parseDuration } from '@app/domain';
import { RemediationSnapshotRepository, type RemediationSnapshot } from '@app/persistence';
import { CachedSnapshot } from './cached-snapshot';

/**
 * The state of the remediation work as gauges, read from the database at scrape time (through a
 * short cache, `telemetry.gaugeCacheTtl`), so every API replica reports the same numbers and the
 * alerts work whichever process scores. Each gauge is reset before it is set: a combination that
 * no longer exists (the last P0 of a team verified) disappears instead of staying at its old value.
 */
@Injectable()
export class RemediationStateMetrics {
  private readonly snapshot: CachedSnapshot<RemediationSnapshot>;

  constructor(
    metrics: MetricsRegistry,
    snapshots: RemediationSnapshotRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const datasources = config.datasources.map((d) => d.name);
    this.snapshot = new CachedSnapshot(
      () => snapshots.read(datasources),
      parseDuration(config.telemetry.gaugeCacheTtl),
    );
    const snapshot = this.snapshot;
    const registers = [metrics.registry];
    new Gauge({
      name: 'remediation_actions',
      help: 'Corrective actions by status, owning team and priority.',
      labelNames: ['status', 'team', 'priority'],
      registers,
      async collect() {
        const { actions } = await snapshot.get();
        this.reset();
        for (const { status, team, priority, count } of actions) this.set({ status, team, priority }, count);
      },
    });
    new Gauge({
      name: 'remediation_flags_active',
      help: 'Active flags (overdue, stalled, ineffective, regressed, no_telemetry, source_error, improved_before_fix) by kind and owning team.',
      labelNames: ['kind', 'team'],
      registers,
      async collect() {
        const { flags } = await snapshot.get();
        this.reset();
        for (const [labels, count] of sumBy(flags, (f) => ({ kind: f.kind, team: f.team }))) this.set(labels, count);
      },
    });
    new Gauge({
      // Overdue by priority, so an alert can page on a P0 past its remediation SLO.
      name: 'remediation_actions_overdue',
      help: 'Actions with an active overdue flag, by owning team and priority.',
      labelNames: ['team', 'priority'],
      registers,
      async collect() {
        const { flags } = await snapshot.get();
        this.reset();
        const overdue = flags.filter((f) => f.kind === 'overdue');
        for (const [labels, count] of sumBy(overdue, (f) => ({ team: f.team, priority: f.priority })))
          this.set(labels, count);
      },
    });
    new Gauge({
      name: 'remediation_scoring_overdue_checks',
      help: 'Success metrics whose next check is due now and not yet scored (by any scorer).',
      registers,
      async collect() {
        this.set((await snapshot.get()).backlog.overdueChecks);
      },
    });
    new Gauge({
      name: 'remediation_scoring_lag_seconds',
      help: 'How long the oldest due check has waited (now minus its due time); 0 when none is due.',
      registers,
      async collect() {
        this.set((await snapshot.get()).backlog.lagSeconds);
      },
    });
  }
}

/** Counts summed over the labels `key` keeps (the snapshot has one row per kind, team and priority). */
function sumBy<T extends { count: number }, L extends Record<string, string>>(
  rows: T[],
  key: (row: T) => L,
): Array<[L, number]> {
  const sums = new Map<string, [L, number]>();
  for (const row of rows) {
    const labels = key(row);
    const id = JSON.stringify(labels);
    const entry = sums.get(id);
    if (entry) entry[1] += row.count;
    else sums.set(id, [labels, row.count]);
  }
  return [...sums.values()];
}
