import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { inputErrorOf, isDatabaseUnavailable } from './database-errors';

/** An error as node-postgres raises it: a message, and a code for socket errors and SQLSTATEs. */
function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

const failedQuery = (error: Error): QueryFailedError => new QueryFailedError('SELECT 1', [], error);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['connection reset', driverError('read ECONNRESET', 'ECONNRESET')],
    ['admin_shutdown (57P01)', driverError('terminating connection due to administrator command', '57P01')],
    ['crash_shutdown (57P02)', driverError('terminating connection due to crash of another server process', '57P02')],
    ['cannot_connect_now (57P03)', driverError('the database system is starting up', '57P03')],
    ['a connection exception (08006)', driverError('connection failure', '08006')],
    ['a connection exception (08P01)', driverError('protocol violation', '08P01')],
    ['a terminated connection', driverError('Connection terminated unexpectedly')],
    ['a connect timeout', driverError('Connection terminated due to connection timeout')],
    ['a pool timeout', driverError('timeout exceeded when trying to connect')],
    ['a broken client', driverError('Client has encountered a connection error and is not queryable')],
  ])('recognises %s, bare or inside a failed query', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(error))).toBe(true);
    expect(isDatabaseUnavailable(new Error('could not start the transaction', { cause: error }))).toBe(true);
  });

  it('recognises refused connections to every address of a host', () => {
    const all = Object.assign(new AggregateError([driverError('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]), {});
    expect(isDatabaseUnavailable(all)).toBe(true);
  });

  it.each([
    ['a unique violation', failedQuery(driverError('duplicate key value', '23505'))],
    ['a syntax error', failedQuery(driverError('syntax error at or near "SELEC"', '42601'))],
    ['a serialization failure', failedQuery(driverError('could not serialize access', '40001'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a non-error', 'connection'],
    ['nothing', undefined],
  ])('does not take %s for an unreachable database', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('does not loop on a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe('inputErrorOf', () => {
  it('still maps a unique violation to a conflict', () => {
    expect(inputErrorOf(failedQuery(driverError('duplicate key value', '23505')))?.code).toBeDefined();
  });
});
