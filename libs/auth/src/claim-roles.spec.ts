import { describe, expect, it } from '@jest/globals';
import { isSafeMethod, personActor, roleFromClaims, sessionCookie } from './claim-roles';

const ROLES = { readers: 'viewer', sre: 'editor', platform: 'admin' } as const;

describe('roleFromClaims', () => {
  it('maps a string claim', () => {
    expect(roleFromClaims({ groups: 'sre' }, 'groups', ROLES)).toBe('editor');
  });

  it('takes the highest role of a list', () => {
    expect(roleFromClaims({ groups: ['readers', 'platform', 'sre'] }, 'groups', ROLES)).toBe('admin');
    expect(roleFromClaims({ groups: ['other', 'readers'] }, 'groups', ROLES)).toBe('viewer');
  });

  it('gives no role when nothing maps', () => {
    expect(roleFromClaims({ groups: ['other'] }, 'groups', ROLES)).toBeNull();
    expect(roleFromClaims({}, 'groups', ROLES)).toBeNull();
    expect(roleFromClaims({ groups: 42 }, 'groups', ROLES)).toBeNull();
    expect(roleFromClaims({ groups: ['constructor', 'toString'] }, 'groups', ROLES)).toBeNull();
  });

  it('reads the configured claim only', () => {
    expect(roleFromClaims({ groups: 'sre', roles: 'readers' }, 'roles', ROLES)).toBe('viewer');
  });
});

describe('personActor', () => {
  it('prefers the email, then the name, then the subject', () => {
    expect(personActor({ subject: 's1', name: 'Alice', email: 'alice@example.com' })).toBe('alice@example.com');
    expect(personActor({ subject: 's1', name: 'Alice' })).toBe('Alice');
    expect(personActor({ subject: 's1' })).toBe('s1');
  });
});

describe('sessionCookie', () => {
  const token = 'a'.repeat(43);
  it('finds the session cookie among others', () => {
    expect(sessionCookie(`theme=dark; rt_session=${token}; x=1`)).toBe(token);
  });
  it('ignores a missing or malformed one', () => {
    expect(sessionCookie(undefined)).toBeNull();
    expect(sessionCookie('rt_session_other=abc')).toBeNull();
    expect(sessionCookie('rt_session=short')).toBeNull();
    expect(sessionCookie(`rt_session=${token};`.replace('aaa', 'a"a'))).toBeNull();
  });
});

describe('isSafeMethod', () => {
  it('lets reads through, not writes', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].every(isSafeMethod)).toBe(true);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].some(isSafeMethod)).toBe(false);
  });
});
