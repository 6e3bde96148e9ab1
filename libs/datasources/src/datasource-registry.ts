import type { DatasourceConfig } from '@app/config';
import type { CircuitSnapshot } from './circuit-breaker';
import type { MetricSource } from './metric-source';
import { PrometheusSource } from './prometheus/prometheus.source';
import type { RetryOptions } from './retry.policy';

/**
 * The configured datasources by name. Builds a PrometheusSource for every `prometheus` entry;
 * other types (the built-in `otlp` store) are added with `register()` by whoever owns them.
 */
export class DatasourceRegistry {
  private readonly sources = new Map<string, MetricSource>();

  constructor(configs: readonly DatasourceConfig[] = [], retry?: Partial<RetryOptions>) {
    for (const config of configs) {
      if (config.type === 'prometheus') this.register(PrometheusSource.fromConfig(config, retry));
    }
  }

  register(source: MetricSource): void {
    if (this.sources.has(source.name)) throw new Error(`datasource "${source.name}" is registered twice`);
    this.sources.set(source.name, source);
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }

  /** Throws for a name that is not configured (the API validates names before anything is stored). */
  get(name: string): MetricSource {
    const source = this.sources.get(name);
    if (!source) throw new Error(`unknown datasource "${name}" (configured: ${this.names().join(', ') || 'none'})`);
    return source;
  }

  names(): string[] {
    return [...this.sources.keys()];
  }

  /** The circuit of each datasource that has one (docs/operation.md, "Datasource calls"). */
  circuits(): Array<{ datasource: string; circuit: CircuitSnapshot }> {
    const out: Array<{ datasource: string; circuit: CircuitSnapshot }> = [];
    for (const [datasource, source] of this.sources) {
      if (source.circuit) out.push({ datasource, circuit: source.circuit() });
    }
    return out;
  }
}
