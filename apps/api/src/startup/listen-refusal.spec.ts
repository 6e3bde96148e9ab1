import { describe, expect, it } from '@jest/globals';
import { listenRefusal } from './listen-refusal';

describe('listenRefusal', () => {
  it.each([
    ['EADDRINUSE', 3000, 'port 3000 is already in use: stop what listens on it, or choose another port with PORT'],
    ['EACCES', 80, 'port 80 needs privileges this process lacks: choose a port above 1023 with PORT'],
    ['EADDRNOTAVAIL', 3000, null],
    [undefined, 3000, null],
  ])('%s on port %i', (code, port, expected) => {
    expect(listenRefusal(code, port)).toBe(expected);
  });
});
