import { describe, expect, it } from '@jest/globals';
import { isMetricName, isMetricNamePattern, metricNameMatcher } from './metric-name-pattern';

describe('isMetricNamePattern', () => {
  it.each([
    ['http.server.request.duration', true],
    ['http.server.*', true],
    ['*', true],
    ['*.duration', true],
    ['k8s.pod/cpu-usage_total', true],
    ['node:cpu:rate5m', true],
    ['a'.repeat(255), true],
    ['a'.repeat(256), false],
    ['', false],
    ['http server', false],
    ['http.(server|client)', false],
    ['http.server.?', false],
    ['^http.server$', false],
    ['http.server.[a-z]', false],
  ])('%j is %s', (pattern, expected) => {
    expect(isMetricNamePattern(pattern)).toBe(expected);
  });
});

describe('metricNameMatcher', () => {
  it.each<[string[], string, boolean]>([
    [['*'], 'anything.at.all', true],
    [['*'], '', true],
    [['http.server.*'], 'http.server.request.duration', true],
    [['http.server.*'], 'http.server.', true],
    [['http.server.*'], 'http.server', false],
    [['http.server.*'], 'xhttp.server.requests', false],
    // A dot is a dot, not "any character".
    [['http.server.*'], 'httpxserver.requests', false],
    [['queue.depth'], 'queue.depth', true],
    [['queue.depth'], 'queue.depth.max', false],
    [['queue.depth'], 'my.queue.depth', false],
    [['*.duration'], 'rpc.server.duration', true],
    [['*.duration'], 'rpc.server.duration.max', false],
    [['http.*.duration'], 'http.server.request.duration', true],
    [['http.*.duration'], 'http.duration', false],
    [['checkout.*', 'payments.*'], 'payments.refunds', true],
    [['checkout.*', 'payments.*'], 'shipping.labels', false],
    [['node:cpu:*'], 'node:cpu:rate5m', true],
    [['a-b/c_d'], 'a-b/c_d', true],
  ])('%j on %j is %s', (patterns, name, expected) => {
    expect(metricNameMatcher(patterns)(name)).toBe(expected);
  });
});

describe('isMetricName', () => {
  it.each<[unknown, boolean]>([
    ['http.server.request.duration', true],
    ['a.B_c-d/e9', true],
    ['m', true],
    ['m'.repeat(255), true],
    ['m'.repeat(256), false],
    ['', false],
    ['9lives', false],
    ['_private', false],
    ['.leading', false],
    ['node:cpu', false],
    ['http.server.*', false],
    ['http server', false],
    [5, false],
    [null, false],
  ])('%j is %s', (name, expected) => {
    expect(isMetricName(name)).toBe(expected);
  });
});
