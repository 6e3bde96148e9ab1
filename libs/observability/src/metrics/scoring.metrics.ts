import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '../metrics-registry';

/** One check takes a datasource round trip or two: milliseconds when cached, up to the timeout. */
export const EVALUATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** A pass scores up to thousands of checks: from an empty tick (milliseconds) to minutes. */
export const PASS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** A datasource's circuit as the gauge reads it. */
export interface CircuitReading {
  datasource: string;
  state: 'closed' | 'open' | 'half_open';
}

const CIRCUIT_STATES: ReadonlyArray<CircuitReading['state']> = ['closed', 'open', 'half_open'];

/**
 * What the scoring work of this process did: checks by verdict, their durations, the datasource
 * failures they met, and the passes. Counted where the work happens, so whichever process scores
 * (the one-process service, a scorer replica) exports it. Labels are datasource names, verdicts
 * and error kinds only.
 */
@Injectable()
export class ScoringMetrics {
  private readonly evaluations: Counter<'verdict' | 'datasource'>;
  private readonly evaluationDuration: Histogram<'datasource'>;
  private readonly datasourceErrors: Counter<'datasource' | 'kind'>;
  private readonly passDuration: Histogram<'outcome'>;
  private readonly lastPass: Gauge;
  private readCircuits: () => readonly CircuitReading[] = () => [];

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.evaluations = new Counter({
      name: 'remediation_evaluations_total',
      help: 'Checks of success metrics written by this process, by verdict and datasource.',
      labelNames: ['verdict', 'datasource'],
      registers,
    });
    this.evaluationDuration = new Histogram({
      name: 'remediation_evaluation_duration_seconds',
      help: 'Time to evaluate one check of a success metric (fetch and score), by datasource.',
      labelNames: ['datasource'],
      buckets: EVALUATION_BUCKETS,
      registers,
    });
    this.datasourceErrors = new Counter({
      name: 'remediation_datasource_errors_total',
      help: 'Datasource fetches that failed, by datasource and kind (unreachable, timeout, bad_query, too_many_series, bad_response).',
      labelNames: ['datasource', 'kind'],
      registers,
    });
    this.passDuration = new Histogram({
      name: 'remediation_scoring_pass_duration_seconds',
      help: 'Duration of scoring passes run by this process, by outcome (ok: the pass ran; failed: it stopped on an error).',
      labelNames: ['outcome'],
      buckets: PASS_BUCKETS,
      registers,
    });
    this.lastPass = new Gauge({
      name: 'remediation_scoring_last_pass_timestamp_seconds',
      help: 'When the last scoring pass of this process ended (Unix seconds); 0 before the first.',
      registers,
    });
    const readCircuits = () => this.readCircuits();
    new Gauge({
      name: 'remediation_datasource_circuit_state',
      help: "Each datasource's circuit breaker in this process: 1 for its state now (closed, open, half_open), 0 for the others.",
      labelNames: ['datasource', 'state'],
      registers,
      collect() {
        this.reset();
        for (const { datasource, state } of readCircuits())
          for (const s of CIRCUIT_STATES) this.set({ datasource, state: s }, s === state ? 1 : 0);
      },
    });
  }

  /** Where the circuit gauge reads the datasources' breakers at scrape time. */
  watchCircuits(read: () => readonly CircuitReading[]): void {
    this.readCircuits = read;
  }

  /** Makes the series of these datasources exist at 0, so rate() sees their first increase. */
  declareDatasources(names: readonly string[], verdicts: readonly string[]): void {
    for (const datasource of names) {
      for (const verdict of verdicts) this.evaluations.inc({ verdict, datasource }, 0);
      this.evaluationDuration.zero({ datasource });
    }
  }

  recordEvaluation(datasource: string, verdict: string, seconds: number): void {
    this.evaluations.inc({ verdict, datasource });
    this.evaluationDuration.observe({ datasource }, seconds);
  }

  recordDatasourceError(datasource: string, kind: string): void {
    this.datasourceErrors.inc({ datasource, kind });
  }

  recordPass(seconds: number, outcome: 'ok' | 'failed', endedAt: number = Date.now()): void {
    this.passDuration.observe({ outcome }, seconds);
    this.lastPass.set(endedAt / 1000);
  }
}
