import { describe, expect, it } from '@jest/globals';
import { createValidationPipe } from '../../http/validation.pipe';
import { validationErrorOf } from '../../http/validation-errors.testing';
import { CreatePostmortemDto } from './create-postmortem.dto';
import { ListPostmortemsQueryDto } from './list-postmortems-query.dto';
import { UpdatePostmortemDto } from './update-postmortem.dto';

const pipe = createValidationPipe();

const VALID = {
  kind: 'incident',
  title: 'Checkout outage',
  severity: 'SEV2',
  occurredAt: '2025-01-05T14:02:00Z',
  resolvedAt: null,
  services: ['checkout'],
  summary: 'text',
  timeline: [{ at: '2025-01-05T14:02:00Z', text: 'alert fired' }],
  contributingFactors: [{ kind: 'trigger', category: 'technology', text: 'bad push' }],
};

describe('CreatePostmortemDto', () => {
  it('accepts a complete post-mortem', async () => {
    await expect(pipe.transform(VALID, { type: 'body', metatype: CreatePostmortemDto })).resolves.toBeInstanceOf(
      CreatePostmortemDto,
    );
  });

  it.each([
    ['title', { title: undefined }, /^title must be a string/],
    ['title', { title: '' }, /^title must be longer than or equal to 1/],
    ['title', { title: '   ' }, /^title must not be blank/],
    ['title', { title: 'x'.repeat(201) }, /^title must be shorter than or equal to 200/],
    ['kind', { kind: 'outage' }, /^kind must be one of/],
    ['severity', { severity: 'SEV5' }, /^severity must be one of/],
    ['occurredAt', { occurredAt: '2025-01-05 14:02' }, /^occurredAt must be an ISO-8601 date-time/],
    ['resolvedAt', { resolvedAt: 'soon' }, /^resolvedAt must be an ISO-8601/],
    ['services', { services: 'checkout' }, /^services must be an array/],
    ['services', { services: null }, /^services must be an array/],
    ['services', { services: ['Checkout'] }, /^services must be lowercase letters, digits/],
    ['services', { services: [''] }, /^services must be 1\.\.100 characters each/],
    ['services', { services: ['x'.repeat(101)] }, /^services must be 1\.\.100 characters each/],
    ['services', { services: Array.from({ length: 51 }, (_, i) => `s${i}`) }, /^services must contain no more than 50/],
    ['summary', { summary: 'é'.repeat(51_201) }, /^summary must be at most 102400 bytes/],
    ['summary', { summary: 5 }, /^summary must be a string/],
    ['timeline', { timeline: 'x' }, /^timeline must be an array/],
    [
      'timeline',
      { timeline: Array.from({ length: 501 }, () => ({ at: '2025-01-05T14:02:00Z', text: 'x' })) },
      /^timeline must contain no more than 500/,
    ],
    ['timeline.0.at', { timeline: [{ at: 'noon', text: 'x' }] }, /^timeline\.0\.at: at must be an ISO-8601/],
    [
      'timeline.1.text',
      {
        timeline: [
          { at: '2025-01-05T14:02:00Z', text: 'x' },
          { at: '2025-01-05T14:02:00Z', text: 'x'.repeat(2001) },
        ],
      },
      /^timeline\.1\.text: text must be shorter/,
    ],
    [
      'timeline.0.who',
      { timeline: [{ at: '2025-01-05T14:02:00Z', text: 'x', who: 'Jane' }] },
      /^timeline\.0\.who: property who should not exist/,
    ],
    [
      'contributingFactors.0.kind',
      { contributingFactors: [{ kind: 'root', category: 'people', text: 'x' }] },
      /^contributingFactors\.0\.kind: kind must be one of/,
    ],
    [
      'contributingFactors.0.category',
      { contributingFactors: [{ kind: 'latent', category: 'luck', text: 'x' }] },
      /^contributingFactors\.0\.category:/,
    ],
    [
      'contributingFactors.0.text',
      { contributingFactors: [{ kind: 'latent', category: 'people' }] },
      /^contributingFactors\.0\.text: text must be a string/,
    ],
    ['owner', { owner: 'Jane' }, /^owner: property owner should not exist/],
  ])('names %s in the error', async (_field, change, message) => {
    expect(await validationErrorOf(CreatePostmortemDto, { ...VALID, ...change })).toMatch(message);
  });

  it('counts the summary limit in UTF-8 bytes, not characters', async () => {
    const atLimit = { ...VALID, summary: 'é'.repeat(51_200) };
    await expect(pipe.transform(atLimit, { type: 'body', metatype: CreatePostmortemDto })).resolves.toBeDefined();
  });
});

describe('UpdatePostmortemDto', () => {
  it('accepts any subset, and null for the nullable fields', async () => {
    for (const body of [{}, { title: 'New' }, { severity: null, occurredAt: null, resolvedAt: null }]) {
      await expect(pipe.transform(body, { type: 'body', metatype: UpdatePostmortemDto })).resolves.toBeDefined();
    }
  });

  it.each([
    ['title', /^title must be a string/],
    ['kind', /^kind must be one of/],
    ['services', /^services must be an array/],
    ['summary', /^summary must be a string/],
    ['timeline', /^timeline must be an array/],
    ['contributingFactors', /^contributingFactors must be an array/],
  ])('refuses null for %s, which cannot be cleared', async (field, message) => {
    expect(await validationErrorOf(UpdatePostmortemDto, { [field]: null })).toMatch(message);
  });
});

describe('ListPostmortemsQueryDto', () => {
  it('turns limit into a number and defaults it to 50', async () => {
    const given = (await pipe.transform(
      { limit: '7' },
      { type: 'query', metatype: ListPostmortemsQueryDto },
    )) as ListPostmortemsQueryDto;
    expect(given.limit).toBe(7);
    const absent = (await pipe.transform(
      {},
      { type: 'query', metatype: ListPostmortemsQueryDto },
    )) as ListPostmortemsQueryDto;
    expect(absent.limit).toBe(50);
  });

  it.each([
    [{ limit: 'abc' }, /^limit must be an integer/],
    [{ limit: '0' }, /^limit must not be less than 1/],
    [{ limit: '201' }, /^limit must not be greater than 200/],
    [{ limit: '2.5' }, /^limit must be an integer/],
    [{ from: 'yesterday' }, /^from must be an ISO-8601/],
    [{ to: '2025-13-01' }, /^to must be an ISO-8601/],
    [{ kind: 'outage' }, /^kind must be one of/],
    [{ severity: 'sev1' }, /^severity must be one of/],
    [{ service: 'Checkout' }, /^service must be lowercase/],
    [{ sort: 'title' }, /^sort: property sort should not exist/],
  ])('refuses %j, naming the parameter', async (query, message) => {
    expect(await validationErrorOf(ListPostmortemsQueryDto, query, 'query')).toMatch(message);
  });
});
