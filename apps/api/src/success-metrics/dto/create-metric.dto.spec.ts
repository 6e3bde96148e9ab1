import { describe, expect, it } from '@jest/globals';
import { createValidationPipe } from '../../http/validation.pipe';
import { validationErrorOf } from '../../http/validation-errors.testing';
import { CreateMetricDto } from './create-metric.dto';
import { UpdateMetricDto } from './update-metric.dto';

const pipe = createValidationPipe();

const VALID = {
  name: 'checkout p99 latency',
  datasource: 'prometheus',
  query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  selector: null,
  direction: 'decrease',
  target: { absolute: 0.3, relativePercent: 20 },
  aggregation: 'p95',
  baselineWindow: '14d',
  baselineEnd: '2025-01-05T14:02:00Z',
  baseline: 0.5,
  evaluationWindow: '7d',
  sustainFor: '7d',
  verifyWithin: '30d',
  checkEvery: '1h',
  step: '5m',
  confidence: 0.95,
};

describe('CreateMetricDto', () => {
  it('accepts a complete metric and keeps nested objects as given', async () => {
    const dto = await pipe.transform(VALID, { type: 'body', metatype: CreateMetricDto });
    expect(dto).toBeInstanceOf(CreateMetricDto);
    expect(dto).toMatchObject(VALID);
  });

  it.each([
    [{ name: undefined }, /^name must be a string/],
    [{ name: ' ' }, /^name must not be blank/],
    [{ name: 'x'.repeat(201) }, /^name must be shorter than or equal to 200/],
    [{ datasource: 5 }, /^datasource must be a string/],
    [{ query: '' }, /^query must be longer than or equal to 1/],
    [{ query: 'x'.repeat(10_001) }, /^query must be shorter than or equal to 10000/],
    [{ selector: 'http.requests' }, /^selector must be an object/],
    [{ direction: 'down' }, /^direction must be one of the following values: decrease, increase/],
    [{ target: 5 }, /^target must be an object/],
    [{ target: undefined }, /^target must be an object/],
    [{ aggregation: 'median' }, /^aggregation must be one of the following values: avg, min, max/],
    [{ aggregation: null }, /^aggregation must be one of/],
    [{ baselineWindow: 14 }, /^baselineWindow must be a string/],
    [{ evaluationWindow: null }, /^evaluationWindow must be a string/],
    [{ baselineEnd: 'last week' }, /^baselineEnd must be an ISO-8601/],
    [{ baseline: '0.5' }, /^baseline must be a number/],
    [{ confidence: 'high' }, /^confidence must be a number/],
    [{ step: 300 }, /^step must be a string/],
    [{ baselineValue: 3 }, /^baselineValue: property baselineValue should not exist/],
    [{ goal: 3 }, /^goal: property goal should not exist/],
  ])('refuses %j, naming the field', async (change, message) => {
    expect(await validationErrorOf(CreateMetricDto, { ...VALID, ...change })).toMatch(message);
  });
});

describe('UpdateMetricDto', () => {
  it('accepts nulls for the nullable fields', async () => {
    const change = { query: null, selector: null, baselineEnd: null, baseline: null, step: null, confidence: null };
    await expect(pipe.transform(change, { type: 'body', metatype: UpdateMetricDto })).resolves.toMatchObject(change);
  });

  it.each([
    [{ name: null }, /^name must be a string/],
    [{ datasource: null }, /^datasource must be a string/],
    [{ direction: null }, /^direction must be one of/],
    [{ target: null }, /^target must be an object/],
    [{ checkEvery: null }, /^checkEvery must be a string/],
    [{ metSince: '2025-01-01T00:00:00Z' }, /^metSince: property metSince should not exist/],
  ])('refuses %j, naming the field', async (change, message) => {
    expect(await validationErrorOf(UpdateMetricDto, change)).toMatch(message);
  });
});
