import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';

/**
 * A signal aborted when the client closes its connection before the response is written, so a
 * route's datasource calls end with it instead of running on for nobody (docs/operation.md,
 * "Datasource calls"). The response's 'close' fires once the connection is gone; after a
 * finished response it means nothing.
 */
export const ClientGone = createParamDecorator((_data: unknown, context: ExecutionContext): AbortSignal => {
  const response = context.switchToHttp().getResponse<Response>();
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('the client closed the connection'));
  });
  return controller.signal;
});
