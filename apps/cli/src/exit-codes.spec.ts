import { describe, expect, it } from '@jest/globals';
import { CommanderError } from 'commander';
import { DatasourceFailed, EXIT, exitFor, UsageError } from './exit-codes';
import { ApiRequestError, ServerUnreachable } from './http/errors';

const apiError = (status: number, message = 'x', field?: string) =>
  new ApiRequestError(status, { statusCode: status, message }, message, field);

describe('exitFor', () => {
  it.each([
    [404, EXIT.notFound],
    [400, EXIT.refused],
    [409, EXIT.refused],
    [422, EXIT.refused],
    [401, EXIT.unauthorized],
    [403, EXIT.unauthorized],
    [503, EXIT.serverDown],
    [502, EXIT.serverDown],
    [500, EXIT.failure],
    [429, EXIT.failure],
  ])('maps HTTP %i to exit %i', (status, code) => {
    expect(exitFor(apiError(status)).code).toBe(code);
  });

  it("keeps the API's message and names the refused field", () => {
    const { message } = exitFor(apiError(400, 'dueAt: must not be before openedAt', 'dueAt'));
    expect(message).toBe('refused (field dueAt): dueAt: must not be before openedAt');
  });

  it('tells usage mistakes and an unreachable server apart from everything else', () => {
    expect(exitFor(new UsageError('no API key'))).toEqual({ code: EXIT.usage, message: 'no API key' });
    expect(exitFor(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toEqual({
      code: EXIT.usage,
      message: "unknown option '--x'",
    });
    expect(exitFor(new ServerUnreachable('http://h:1', 'ECONNREFUSED'))).toEqual({
      code: EXIT.serverDown,
      message: 'cannot reach http://h:1: ECONNREFUSED',
    });
    expect(exitFor(new DatasourceFailed('3 checks failed')).code).toBe(EXIT.serverDown);
    expect(exitFor(new Error('boom'))).toEqual({ code: EXIT.failure, message: 'boom' });
  });
});
