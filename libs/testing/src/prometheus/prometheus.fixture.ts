import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port';
import { type ScenarioSeries, toOpenMetrics } from './openmetrics.writer';

const run = promisify(execFile);

export interface PrometheusFixtureOptions {
  /** The scenario, or a function building it from `now`. */
  series?: readonly ScenarioSeries[] | ((now: number) => readonly ScenarioSeries[]);
  /**
   * Instead of `series`: writes the OpenMetrics input to `file` itself, for a scenario too big to
   * hold in memory as samples (a benchmark's thousands of series over weeks).
   */
  writeInput?: (file: string, now: number) => Promise<void>;
  /** The test's clock (epoch ms); default: the wall clock. */
  now?: number;
  readyTimeoutMs?: number;
  /** Log every query Prometheus answers (its `query_log_file`) to `queryLogFile`, one JSON line each. */
  queryLog?: boolean;
}

/** Where the start-up time went, in ms (reported by tests: the backfill must stay fast). */
export interface FixtureTimings {
  writeMs: number;
  backfillMs: number;
  readyMs: number;
  totalMs: number;
}

/**
 * A real Prometheus (the Debian binary) on a free loopback port, its TSDB backfilled with the
 * scenario by promtool. `stop()` ends it and removes every file it made.
 */
export class PrometheusFixture {
  private output = '';
  private exitCode: number | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly now: number,
    private readonly child: ChildProcess,
    readonly timings: FixtureTimings,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where the queries are logged when started with `queryLog`. */
  get queryLogFile(): string {
    return join(this.dir, 'queries.log');
  }

  get logs(): string {
    return this.output;
  }

  static async start(options: PrometheusFixtureOptions): Promise<PrometheusFixture> {
    const started = Date.now();
    const now = options.now ?? started;
    const dir = mkdtempSync(join(tmpdir(), 'rt-prometheus-'));
    const dataDir = join(dir, 'data');
    const timings: FixtureTimings = { writeMs: 0, backfillMs: 0, readyMs: 0, totalMs: 0 };
    try {
      const input = join(dir, 'scenario.om.txt');
      if (options.writeInput) await options.writeInput(input, now);
      else {
        const series = typeof options.series === 'function' ? options.series(now) : (options.series ?? []);
        writeFileSync(input, toOpenMetrics(series));
      }
      const queryLog = options.queryLog ? `  query_log_file: ${join(dir, 'queries.log')}\n` : '';
      writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1m\n${queryLog}`);
      timings.writeMs = Date.now() - started;

      // Without --max-block-duration promtool cuts 2-hour blocks: 60 days take over a minute.
      const backfill = Date.now();
      await run(
        'promtool',
        ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=1440h', input, dataDir],
        { maxBuffer: 16 << 20 },
      );
      timings.backfillMs = Date.now() - backfill;

      const port = await freePort();
      const child = spawn(
        'prometheus',
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${dataDir}`,
          // Retention counts back from the newest block: a short one would delete the backfill.
          '--storage.tsdb.retention.time=3650d',
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const fixture = new PrometheusFixture(dir, port, now, child, timings);
      // A start that outlives its test must not hold jest open.
      child.unref();
      for (const stream of [child.stdout!, child.stderr!]) {
        (stream as unknown as { unref?: () => void }).unref?.();
        stream.on('data', (d: Buffer) => (fixture.output += d.toString()));
      }
      child.on('exit', (code) => (fixture.exitCode = code ?? -1));
      child.on('error', (error) => {
        fixture.output += `${error.message}\n`;
        fixture.exitCode = -1;
      });
      const ready = Date.now();
      await fixture.waitUntilReady(options.readyTimeoutMs ?? 20_000);
      timings.readyMs = Date.now() - ready;
      timings.totalMs = Date.now() - started;
      return fixture;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.exitCode === null) {
      const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== null) {
        rmSync(this.dir, { recursive: true, force: true });
        throw new Error(`prometheus exited with ${this.exitCode}:\n${this.output}`);
      }
      try {
        if ((await fetch(`${this.url}/-/ready`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`prometheus not ready within ${timeoutMs} ms:\n${this.output}`);
  }
}
