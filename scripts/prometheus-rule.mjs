// Writes deploy/base/prometheus-rule.yaml: the alerting rules of config/prometheus/alerts.yml as a
// Prometheus Operator PrometheusRule, so Kubernetes and docker-compose load the same groups.
// test/kubernetes-manifests.spec.ts fails when the two drift: run `node scripts/prometheus-rule.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const SOURCE = 'config/prometheus/alerts.yml';
const TARGET = 'deploy/base/prometheus-rule.yaml';

const { groups } = parse(readFileSync(SOURCE, 'utf8'));
const rule = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'remediation-tracker', labels: { 'app.kubernetes.io/part-of': 'remediation-tracker' } },
  spec: { groups },
};
const header = `# Generated from ${SOURCE} by scripts/prometheus-rule.mjs: edit the rules there, then run it.\n`;
writeFileSync(TARGET, header + stringify(rule, { lineWidth: 0, singleQuote: true }));
console.log(`wrote ${TARGET}: ${groups.length} groups`);
