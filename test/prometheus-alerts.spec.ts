import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** config/prometheus/alerts.yml: valid for Prometheus, and behaving as its unit tests say. */

const RULES = 'config/prometheus/alerts.yml';
const RULE_TESTS = 'config/prometheus/alerts.test.yml';

function promtool(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('alerting rules', () => {
  const rules = (parse(readFileSync(RULES, 'utf8')) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap(
    (g) => g.rules,
  );

  it('pass promtool check rules', () => {
    const { status, output } = promtool(['check', 'rules', RULES]);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(status).toBe(0);
  });

  it('load from the Prometheus configuration shipped beside them (promtool check config)', () => {
    const { status, output } = promtool(['check', 'config', 'config/prometheus/prometheus.yml']);
    expect(output).toContain(`Checking ${RULES}`);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(status).toBe(0);
  });

  it('pass their promtool unit tests', () => {
    const { status, output } = promtool(['test', 'rules', RULE_TESTS]);
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('each wait with for:, carry a severity, a summary and a description', () => {
    for (const rule of rules) {
      expect({ alert: rule.alert, for: rule.for }).toEqual({
        alert: rule.alert,
        for: expect.stringMatching(/^\d+[mhd]$/),
      });
      expect([rule.alert, rule.labels?.severity]).toEqual([rule.alert, expect.stringMatching(/^(warning|critical)$/)]);
      expect(rule.annotations?.summary?.length ?? 0).toBeGreaterThan(10);
      expect(rule.annotations?.description?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it('have a unit test for every alert of the flag gauges and the scorer', () => {
    const tested = new Set([...readFileSync(RULE_TESTS, 'utf8').matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    const untested = rules.map((r) => r.alert).filter((name) => !tested.has(name));
    expect(untested).toEqual([]);
  });
});
