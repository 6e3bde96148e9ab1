import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_LOG_PATHS } from './log-redaction';

/** One request log line as pino writes it with the service's redaction. */
function loggedHeaders(headers: Record<string, string>): Record<string, string> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  pino({ redact: REDACTED_LOG_PATHS }, sink).info({ req: { method: 'GET', url: '/api/v1/actions', headers } });
  return JSON.parse(lines[0]).req.headers;
}

describe('request log redaction', () => {
  it('hides every header that carries a credential, whatever its value', () => {
    const logged = loggedHeaders({
      authorization: 'Bearer rt_secret_key',
      'x-api-key': 'rt_other_key',
      cookie: 'session=abc123; theme=dark',
      'proxy-authorization': 'Basic dXNlcjpwYXNz',
    });
    expect(logged).toEqual({
      authorization: '[Redacted]',
      'x-api-key': '[Redacted]',
      cookie: '[Redacted]',
      'proxy-authorization': '[Redacted]',
    });
  });

  it('hides the session cookie a response sets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    pino({ redact: REDACTED_LOG_PATHS }, sink).info({
      res: { statusCode: 303, headers: { 'set-cookie': 'rt_session=secret-token; HttpOnly', location: '/' } },
    });
    expect(JSON.parse(lines[0]).res.headers).toEqual({ 'set-cookie': '[Redacted]', location: '/' });
  });

  it('keeps the headers that carry none', () => {
    const headers = { accept: 'application/json', 'user-agent': 'curl/8', 'x-request-id': 'r-1' };
    expect(loggedHeaders(headers)).toEqual(headers);
  });
});
