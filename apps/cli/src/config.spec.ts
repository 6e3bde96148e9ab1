import { describe, expect, it } from '@jest/globals';
import { DEFAULT_URL, defaultConfigPath, resolveConfig } from './config';
import { UsageError } from './exit-codes';

const HOME = '/home/sre';
const files = (contents: Record<string, string>) => (path: string) => contents[path];
const fileAtHome = (text: string) => files({ [defaultConfigPath(HOME)]: text });

describe('resolveConfig', () => {
  it('takes flags over the environment over the config file', () => {
    const readFile = fileAtHome('url: http://file:1\nkey: file-key\n');
    expect(resolveConfig({ flags: {}, env: {}, home: HOME, readFile })).toEqual({
      url: 'http://file:1',
      key: 'file-key',
    });
    const env = { REMEDIATION_URL: 'http://env:2', REMEDIATION_KEY: 'env-key' };
    expect(resolveConfig({ flags: {}, env, home: HOME, readFile })).toEqual({ url: 'http://env:2', key: 'env-key' });
    const flags = { url: 'http://flag:3', key: 'flag-key' };
    expect(resolveConfig({ flags, env, home: HOME, readFile })).toEqual({ url: 'http://flag:3', key: 'flag-key' });
  });

  it('mixes sources field by field and defaults the URL', () => {
    const readFile = fileAtHome('url: http://file:1\n');
    expect(resolveConfig({ flags: {}, env: { REMEDIATION_KEY: 'k' }, home: HOME, readFile })).toEqual({
      url: 'http://file:1',
      key: 'k',
    });
    expect(resolveConfig({ flags: { key: 'k' }, env: {}, home: HOME, readFile: files({}) }).url).toBe(DEFAULT_URL);
  });

  it('reads --config instead of the default file', () => {
    const readFile = files({ '/etc/r.yaml': 'key: other\n', [defaultConfigPath(HOME)]: 'key: home\n' });
    expect(resolveConfig({ flags: { config: '/etc/r.yaml' }, env: {}, home: HOME, readFile }).key).toBe('other');
  });

  it('refuses, as a usage error, no key at all, a missing --config, and a file that is not a mapping', () => {
    const run = (sources: Partial<Parameters<typeof resolveConfig>[0]>) => () =>
      resolveConfig({ flags: {}, env: {}, home: HOME, readFile: files({}), ...sources });
    expect(run({})).toThrow(UsageError);
    expect(run({})).toThrow(/--key.*REMEDIATION_KEY.*config\.yaml/);
    expect(run({ flags: { config: '/nope.yaml' } })).toThrow('config file /nope.yaml does not exist');
    expect(run({ readFile: fileAtHome('- a\n- b\n') })).toThrow(/must be a mapping/);
    expect(run({ readFile: fileAtHome('key: [1\n') })).toThrow(/not valid YAML/);
    expect(run({ readFile: fileAtHome('key: 42\n') })).toThrow(/key must be text/);
  });
});
