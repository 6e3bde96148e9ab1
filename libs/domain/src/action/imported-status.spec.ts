import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../domain.errors';
import { importedTransitions, type StatusImport } from './imported-status';

const opened = new Date('2026-09-01T10:00:00Z');
const shipped = new Date('2026-10-01T10:00:00Z');
const closed = new Date('2026-10-20T10:00:00Z');
const now = new Date('2026-12-01T12:00:00Z');

const base: StatusImport = { status: 'open', openedAt: opened, implementedAt: null, closedAt: null, now };
const at = (d: Date) => d.toISOString();
const steps = (input: Partial<StatusImport>) =>
  importedTransitions({ ...base, ...input }).map((t) => ({
    to: t.to,
    at: at(t.at),
    implementedAt: t.implementedAt && at(t.implementedAt),
  }));

describe('importedTransitions', () => {
  it.each([
    ['open, nothing to pass through', { status: 'open' }, []],
    ['in_progress since it was opened', { status: 'in_progress' }, [{ to: 'in_progress', at: at(opened) }]],
    [
      'implemented at its implementedAt, through in_progress at openedAt',
      { status: 'implemented', implementedAt: shipped },
      [
        { to: 'in_progress', at: at(opened) },
        { to: 'implemented', at: at(shipped), implementedAt: at(shipped) },
      ],
    ],
    [
      'implemented now when no implementedAt is given',
      { status: 'implemented' },
      [
        { to: 'in_progress', at: at(opened) },
        { to: 'implemented', at: at(now), implementedAt: at(now) },
      ],
    ],
    [
      'verified at closedAt, shipped at implementedAt',
      { status: 'verified', implementedAt: shipped, closedAt: closed },
      [
        { to: 'in_progress', at: at(opened) },
        { to: 'implemented', at: at(shipped), implementedAt: at(shipped) },
        { to: 'verified', at: at(closed) },
      ],
    ],
    [
      'verified without implementedAt: shipped when it was closed',
      { status: 'verified', closedAt: closed },
      [
        { to: 'in_progress', at: at(opened) },
        { to: 'implemented', at: at(closed), implementedAt: at(closed) },
        { to: 'verified', at: at(closed) },
      ],
    ],
    [
      'verified now when nothing is given',
      { status: 'verified' },
      [
        { to: 'in_progress', at: at(opened) },
        { to: 'implemented', at: at(now), implementedAt: at(now) },
        { to: 'verified', at: at(now) },
      ],
    ],
    [
      'wont_fix straight from open at closedAt',
      { status: 'wont_fix', closedAt: closed },
      [{ to: 'wont_fix', at: at(closed) }],
    ],
    ['wont_fix now by default', { status: 'wont_fix' }, [{ to: 'wont_fix', at: at(now) }]],
    [
      'dates equal to each other are in order',
      { status: 'verified', implementedAt: opened, closedAt: opened },
      [
        { to: 'in_progress', at: at(opened) },
        { to: 'implemented', at: at(opened), implementedAt: at(opened) },
        { to: 'verified', at: at(opened) },
      ],
    ],
  ] as const)('%s', (_name, input, expected) => {
    expect(steps(input as Partial<StatusImport>)).toEqual(expected.map((e) => ({ implementedAt: undefined, ...e })));
  });

  it('never defaults a date before openedAt, when openedAt is a little ahead of the clock', () => {
    const ahead = new Date(now.getTime() + 60_000);
    const [, implemented] = importedTransitions({ ...base, openedAt: ahead, status: 'implemented' });
    expect(implemented.at).toEqual(ahead);
  });

  it.each([
    [
      'implementedAt',
      { status: 'in_progress', implementedAt: shipped },
      'implementedAt: only with status implemented or verified',
    ],
    [
      'implementedAt',
      { status: 'wont_fix', implementedAt: shipped },
      'implementedAt: only with status implemented or verified',
    ],
    ['closedAt', { status: 'implemented', closedAt: closed }, 'closedAt: only with status verified or wont_fix'],
    ['closedAt', { status: 'open', closedAt: closed }, 'closedAt: only with status verified or wont_fix'],
    [
      'implementedAt',
      { status: 'implemented', implementedAt: new Date(now.getTime() + 1) },
      'implementedAt: must not be in the future',
    ],
    [
      'implementedAt',
      { status: 'implemented', implementedAt: new Date(opened.getTime() - 1) },
      'implementedAt: must not be before openedAt',
    ],
    ['closedAt', { status: 'wont_fix', closedAt: new Date(now.getTime() + 1) }, 'closedAt: must not be in the future'],
    [
      'closedAt',
      { status: 'wont_fix', closedAt: new Date(opened.getTime() - 1) },
      'closedAt: must not be before openedAt',
    ],
    [
      'closedAt',
      { status: 'verified', implementedAt: closed, closedAt: shipped },
      'closedAt: must not be before implementedAt',
    ],
    [
      'closedAt',
      { status: 'verified', implementedAt: shipped, closedAt: new Date(now.getTime() + 1) },
      'closedAt: must not be in the future',
    ],
  ] as const)('refuses a bad %s: %s', (_field, input, message) => {
    const run = () => importedTransitions({ ...base, ...(input as Partial<StatusImport>) });
    expect(run).toThrow(DomainError);
    expect(run).toThrow(message);
  });

  it('refuses a verified import whose implementedAt is after now even without closedAt', () => {
    expect(() =>
      importedTransitions({ ...base, status: 'verified', implementedAt: new Date(now.getTime() + 5) }),
    ).toThrow('implementedAt: must not be in the future');
  });
});
