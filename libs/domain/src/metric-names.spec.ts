import { describe, expect, it } from '@jest/globals';
import { pageOfNames } from './metric-names';

describe('pageOfNames', () => {
  it('keeps the names starting with the prefix, sorted by code unit, without duplicates', () => {
    const page = pageOfNames(
      ['http_requests', 'up', 'http_errors', 'HTTP_upper', 'http_errors', 'xhttp_'],
      'http_',
      10,
    );
    expect(page).toEqual({ names: ['http_errors', 'http_requests'], truncated: false });
  });

  it('sorts upper case before lower case, as Prometheus and a "C" collation do', () => {
    expect(pageOfNames(['b', 'a', 'B', '_'], '', 10).names).toEqual(['B', '_', 'a', 'b']);
  });

  it('takes an empty prefix as every name', () => {
    expect(pageOfNames(['b', 'a'], '', 10)).toEqual({ names: ['a', 'b'], truncated: false });
  });

  it('cuts at the limit and says so only when more matched', () => {
    const names = ['c', 'a', 'b'];
    expect(pageOfNames(names, '', 2)).toEqual({ names: ['a', 'b'], truncated: true });
    expect(pageOfNames(names, '', 3)).toEqual({ names: ['a', 'b', 'c'], truncated: false });
  });

  it('takes regex and LIKE characters in the prefix literally', () => {
    expect(pageOfNames(['disk_used', 'diskXused', 'a.b', 'aXb', 'cpu%'], 'disk_', 10).names).toEqual(['disk_used']);
    expect(pageOfNames(['a.b', 'aXb'], 'a.', 10).names).toEqual(['a.b']);
    expect(pageOfNames(['cpu%', 'cpu_x'], 'cpu%', 10).names).toEqual(['cpu%']);
  });
});
