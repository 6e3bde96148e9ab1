import { describe, expect, it } from '@jest/globals';
import { createValidationPipe } from '../../http/validation.pipe';
import { validationErrorOf } from '../../http/validation-errors.testing';
import { ListActionsQueryDto } from './list-actions-query.dto';
import { PageQueryDto } from './page-query.dto';

const pipe = createValidationPipe();

function parse(metatype: new () => object, query: Record<string, unknown>): Promise<unknown> {
  return pipe.transform(query, { type: 'query', metatype });
}

describe('ListActionsQueryDto', () => {
  it('reads lists, booleans and numbers from query text', async () => {
    const query = await parse(ListActionsQueryDto, {
      status: 'open,in_progress',
      priority: ['P0', 'P1'],
      team: 'payments',
      service: 'checkout',
      postmortemId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      flag: 'stalled',
      overdue: 'false',
      limit: '20',
      cursor: 'MTI',
    });
    expect(query).toEqual({
      status: ['open', 'in_progress'],
      priority: ['P0', 'P1'],
      team: 'payments',
      service: 'checkout',
      postmortemId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      flag: 'stalled',
      overdue: false,
      limit: 20,
      cursor: 'MTI',
    });
  });

  it('leaves absent filters absent', async () => {
    expect(await parse(ListActionsQueryDto, {})).toEqual({});
  });

  it.each([
    [{ status: 'closed' }, /^status must be one or more of open, in_progress/],
    [{ status: 'open,' }, /^status must be one or more of/],
    [{ status: '' }, /^status must be one or more of/],
    [{ priority: 'P5' }, /^priority must be one or more of P0, P1, P2, P3/],
    [{ team: ['a', 'b'] }, /^team must be a string/],
    [{ team: '' }, /^team must be longer than or equal to 1/],
    [{ service: 'Checkout' }, /^service must be lowercase letters/],
    [{ postmortemId: '42' }, /^postmortemId must be a UUID/],
    [{ flag: 'sleepy' }, /^flag must be one of the following values: overdue, stalled/],
    [{ overdue: 'yes' }, /^overdue must be true or false/],
    [{ overdue: '' }, /^overdue must be true or false/],
    [{ limit: '0' }, /^limit must not be less than 1/],
    [{ limit: '201' }, /^limit must not be greater than 200/],
    [{ limit: '1.5' }, /^limit must be an integer/],
    [{ limit: 'ten' }, /^limit must be an integer/],
    [{ sort: 'title' }, /^sort: property sort should not exist/],
  ])('refuses %j, naming the parameter', async (query, message) => {
    expect(await validationErrorOf(ListActionsQueryDto, query, 'query')).toMatch(message);
  });
});

describe('PageQueryDto', () => {
  it.each([
    [{ limit: '200' }, { limit: 200 }],
    [
      { limit: '1', cursor: 'abc' },
      { limit: 1, cursor: 'abc' },
    ],
  ])('accepts %j', async (query, expected) => {
    expect(await parse(PageQueryDto, query)).toEqual(expected);
  });

  it('refuses the list filters', async () => {
    expect(await validationErrorOf(PageQueryDto, { status: 'open' }, 'query')).toMatch(
      /^status: property status should not exist/,
    );
  });
});
