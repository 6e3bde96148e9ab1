import { describe, expect, it } from '@jest/globals';
import { createValidationPipe } from '../../http/validation.pipe';
import { validationErrorOf } from '../../http/validation-errors.testing';
import { CreateActionDto } from './create-action.dto';
import { UpdateActionDto } from './update-action.dto';

const pipe = createValidationPipe();

const VALID = {
  postmortemId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  title: 'Add a retry budget to the checkout client',
  description: '## Why\nRetries amplified the outage.',
  ownerTeam: 'payments',
  assignee: 'on-call lead',
  priority: 'P1',
  services: ['checkout', 'payments-api'],
  externalRef: 'https://jira.internal/browse/PAY-123',
  openedAt: '2025-01-05T14:02:00Z',
  dueAt: '2025-03-01T00:00:00Z',
};

describe('CreateActionDto', () => {
  it('accepts a complete action', async () => {
    await expect(pipe.transform(VALID, { type: 'body', metatype: CreateActionDto })).resolves.toBeInstanceOf(
      CreateActionDto,
    );
  });

  it('accepts the minimum and explicit nulls where null means something', async () => {
    const minimal = { title: 't', ownerTeam: 'o', postmortemId: null, assignee: null, externalRef: null, dueAt: null };
    await expect(pipe.transform(minimal, { type: 'body', metatype: CreateActionDto })).resolves.toMatchObject(minimal);
  });

  it.each([
    [{ title: undefined }, /^title must be a string/],
    [{ title: 5 }, /^title must be a string/],
    [{ title: '' }, /^title must be longer than or equal to 1/],
    [{ title: '  ' }, /^title must not be blank/],
    [{ title: 'x'.repeat(201) }, /^title must be shorter than or equal to 200/],
    [{ ownerTeam: undefined }, /^ownerTeam must be a string/],
    [{ ownerTeam: 'x'.repeat(101) }, /^ownerTeam must be shorter than or equal to 100/],
    [{ description: null }, /^description must be a string/],
    [{ assignee: '' }, /^assignee must be longer than or equal to 1/],
    [{ priority: 'P4' }, /^priority must be one of the following values: P0, P1, P2, P3/],
    [{ priority: null }, /^priority must be one of/],
    [{ services: 'checkout' }, /^services must be an array/],
    [{ services: [1] }, /^services must be strings/],
    [{ services: ['Checkout'] }, /^services must be lowercase letters/],
    [{ services: ['x'.repeat(101)] }, /^services must be 1\.\.100 characters each/],
    [{ services: Array.from({ length: 51 }, (_, i) => `s${i}`) }, /^services must contain no more than 50/],
    [{ externalRef: 'ftp://files.internal/x' }, /^externalRef must be an http\(s\) URL/],
    [{ externalRef: 'PAY-123' }, /^externalRef must be an http\(s\) URL/],
    [{ openedAt: 'yesterday' }, /^openedAt must be an ISO-8601 date-time/],
    [{ openedAt: '2025-01-05T14:02:00' }, /^openedAt must be an ISO-8601 date-time with a time zone/],
    [{ openedAt: '2025-02-30T00:00:00Z' }, /^openedAt must be an ISO-8601/],
    [{ openedAt: null }, /^openedAt must be an ISO-8601/],
    [{ dueAt: 'soon' }, /^dueAt must be an ISO-8601/],
    [{ postmortemId: 'pm-1' }, /^postmortemId must be a UUID/],
    [
      { status: 'done' },
      /^status must be one of the following values: open, in_progress, implemented, verified, wont_fix/,
    ],
    [{ status: null }, /^status must be one of/],
    [{ implementedAt: 'last week' }, /^implementedAt must be an ISO-8601/],
    [{ closedAt: 'yesterday' }, /^closedAt must be an ISO-8601/],
    [{ verificationNote: '   ' }, /^verificationNote must not be blank/],
    [{ statusChangedAt: '2025-01-05T00:00:00Z' }, /^statusChangedAt: property statusChangedAt should not exist/],
    [{ verification: 'manual' }, /^verification: property verification should not exist/],
  ])('refuses %j, naming the field', async (change, message) => {
    expect(await validationErrorOf(CreateActionDto, { ...VALID, ...change })).toMatch(message);
  });
});

describe('UpdateActionDto', () => {
  it('accepts an empty change and a transition with its extras', async () => {
    await expect(pipe.transform({}, { type: 'body', metatype: UpdateActionDto })).resolves.toBeInstanceOf(
      UpdateActionDto,
    );
    const change = { status: 'implemented', implementedAt: '2025-02-01T00:00:00Z' };
    await expect(pipe.transform(change, { type: 'body', metatype: UpdateActionDto })).resolves.toMatchObject(change);
  });

  it.each([
    [{ title: null }, /^title must be a string/],
    [{ ownerTeam: null }, /^ownerTeam must be a string/],
    [{ priority: null }, /^priority must be one of/],
    [{ services: null }, /^services must be an array/],
    [{ openedAt: null }, /^openedAt must be an ISO-8601/],
    [
      { status: 'done' },
      /^status must be one of the following values: open, in_progress, implemented, verified, wont_fix/,
    ],
    [{ status: null }, /^status must be one of/],
    [{ implementedAt: 'now' }, /^implementedAt must be an ISO-8601/],
    [{ verificationNote: '   ' }, /^verificationNote must not be blank/],
    [{ verificationNote: 5 }, /^verificationNote must be a string/],
    [{ closedAt: '2025-01-01T00:00:00Z' }, /^closedAt: property closedAt should not exist/],
    [{ verification: 'manual' }, /^verification: property verification should not exist/],
  ])('refuses %j, naming the field', async (change, message) => {
    expect(await validationErrorOf(UpdateActionDto, change)).toMatch(message);
  });
});
