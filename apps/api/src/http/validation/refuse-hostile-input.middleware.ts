import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { hostileInputProblem } from './hostile-input';

/**
 * Runs after the JSON body parser and before routing, so every route is covered, including those
 * a DTO does not describe (docs/api.md, "Validation").
 */
export function refuseHostileInput(req: Request, _res: Response, next: NextFunction): void {
  const problem =
    hostileInputProblem(req.query, 'query') ?? (req.body === undefined ? null : hostileInputProblem(req.body, 'body'));
  next(problem === null ? undefined : new BadRequestException(problem));
}
