import { describe, expect, it } from '@jest/globals';
import { hostileInputProblem, MAX_INPUT_DEPTH } from './hostile-input';

/** `{"x":{"x":…}}` built without recursion, `levels` objects deep. */
function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { x: value };
  return value;
}

describe('hostileInputProblem', () => {
  it('passes ordinary bodies and queries', () => {
    const body = { title: 'Retry budget', services: ['checkout'], target: { relativePercent: 25 }, note: null };
    expect(hostileInputProblem(body, 'body')).toBeNull();
    expect(hostileInputProblem({ team: 'payments', limit: '16' }, 'query')).toBeNull();
  });

  it('takes MAX_INPUT_DEPTH levels and refuses one more', () => {
    expect(hostileInputProblem(nested(MAX_INPUT_DEPTH), 'body')).toBeNull();
    expect(hostileInputProblem(nested(MAX_INPUT_DEPTH + 1), 'body')).toBe(
      `body nests deeper than ${MAX_INPUT_DEPTH} levels`,
    );
  });

  it('refuses 60,000 nested arrays without running out of stack', () => {
    const deep = JSON.parse('['.repeat(60_000) + ']'.repeat(60_000));
    expect(hostileInputProblem(deep, 'body')).toBe(`body nests deeper than ${MAX_INPUT_DEPTH} levels`);
  });

  it('names the field that holds a NUL character, however nested', () => {
    expect(hostileInputProblem({ title: 'a\u0000b' }, 'body')).toBe(
      'title must not contain the NUL character (\\u0000)',
    );
    expect(hostileInputProblem({ timeline: [{ text: 'ok' }, { text: '\u0000' }] }, 'body')).toMatch(
      /^timeline\.1\.text must not contain/,
    );
    expect(hostileInputProblem({ team: '\u0000' }, 'query')).toMatch(/^team must not contain/);
    expect(hostileInputProblem('\u0000', 'body')).toMatch(/^body must not contain/);
  });

  it('refuses NUL in a property name', () => {
    expect(hostileInputProblem({ selector: { 'a\u0000b': 'x' } }, 'body')).toBe(
      'selector: property names must not contain the NUL character (\\u0000)',
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s like an unknown field', (key) => {
    expect(hostileInputProblem(JSON.parse(`{"${key}":{"admin":true}}`), 'body')).toBe(
      `property ${key} should not exist`,
    );
    expect(hostileInputProblem(JSON.parse(`{"target":{"${key}":1}}`), 'body')).toBe(
      `target: property ${key} should not exist`,
    );
  });

  it('lets the words through as values', () => {
    expect(hostileInputProblem({ title: '__proto__', note: 'constructor' }, 'body')).toBeNull();
  });
});
