import { afterAll, beforeAll } from '@jest/globals';
import { PrometheusFixture, type PrometheusFixtureOptions } from './prometheus.fixture';

/** The Prometheus of one test file, as its hooks and tests read it. */
export interface FilePrometheus {
  readonly url: string;
}

/**
 * A Prometheus started before a test file's first test and stopped after its last, so the suites
 * of both databases share one backfill. Call it at the top level of the file.
 */
export function prometheusForFile(options: PrometheusFixtureOptions): FilePrometheus {
  let fixture: PrometheusFixture | undefined;
  beforeAll(async () => {
    fixture = await PrometheusFixture.start(options);
  }, 60_000);
  afterAll(async () => {
    await fixture?.stop();
  });
  return {
    get url(): string {
      if (!fixture) throw new Error('the Prometheus of this file is not started (read its url in a hook or a test)');
      return fixture.url;
    },
  };
}
