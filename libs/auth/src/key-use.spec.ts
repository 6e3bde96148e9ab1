import { KEY_USE_INTERVAL_MS, keyUseDue } from './key-use';

describe('keyUseDue', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('records the first use of a key', () => {
    expect(keyUseDue(null, now)).toBe(true);
  });

  it('skips the write while the recorded use is recent', () => {
    expect(keyUseDue(new Date(now.getTime() - 1_000), now)).toBe(false);
    expect(keyUseDue(new Date(now.getTime() - KEY_USE_INTERVAL_MS + 1), now)).toBe(false);
  });

  it('records again once the interval has passed', () => {
    expect(keyUseDue(new Date(now.getTime() - KEY_USE_INTERVAL_MS), now)).toBe(true);
  });

  it('records when the clock went back behind the recorded use', () => {
    expect(keyUseDue(new Date(now.getTime() + 5_000), now)).toBe(false);
  });
});
