import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Reflector } from '@nestjs/core';
import { ROLES, Role } from '@app/domain';
import { Public, PUBLIC_KEY, Roles, ROLES_KEY, roleSatisfies } from './roles';

// Who passes, per the README's role table: admin everywhere; editor wherever viewer does; every other role only
// where it is named. Written out by hand so the table, not the implementation, is the oracle.
const TABLE: Array<[Role[], Role[]]> = [
  [['viewer'], ['viewer', 'editor', 'admin']],
  [['editor'], ['editor', 'admin']],
  [['admin'], ['admin']],
  [['ingest'], ['ingest', 'admin']],
  [['scorer'], ['scorer', 'admin']],
  [
    ['viewer', 'scorer'],
    ['viewer', 'editor', 'admin', 'scorer'],
  ],
  [
    ['editor', 'ingest'],
    ['editor', 'admin', 'ingest'],
  ],
  [
    ['ingest', 'scorer'],
    ['ingest', 'scorer', 'admin'],
  ],
  [[], ['admin']],
];

describe('roleSatisfies', () => {
  it.each(
    TABLE.flatMap(([accepted, passing]) => ROLES.map((held) => [held, accepted, passing.includes(held)] as const)),
  )('a %s key on a route for %j passes: %s', (held, accepted, expected) => {
    expect(roleSatisfies(held, accepted)).toBe(expected);
  });

  it('does not let a viewer through where only an editor may go (no upward inheritance)', () => {
    expect(roleSatisfies('viewer', ['editor'])).toBe(false);
  });
});

describe('route metadata', () => {
  const reflector = new Reflector();

  it('Roles records the accepted roles on a class and on a method', () => {
    class Target {
      handler(): void {}
    }
    Roles('editor', 'scorer')(Target);
    Roles('viewer')(Target.prototype, 'handler', Object.getOwnPropertyDescriptor(Target.prototype, 'handler')!);
    expect(reflector.get(ROLES_KEY, Target)).toEqual(['editor', 'scorer']);
    expect(reflector.get(ROLES_KEY, Target.prototype.handler)).toEqual(['viewer']);
    // The method's own roles win over the class's, as the guard reads them.
    expect(reflector.getAllAndOverride(ROLES_KEY, [Target.prototype.handler, Target])).toEqual(['viewer']);
  });

  it('Public marks a route as open, and an unmarked one is not', () => {
    class Open {}
    class Closed {}
    Public()(Open);
    expect(reflector.get(PUBLIC_KEY, Open)).toBe(true);
    expect(reflector.get(PUBLIC_KEY, Closed)).toBeUndefined();
  });
});
