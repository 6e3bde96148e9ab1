import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpRequestMetrics } from './http-request.metrics';
import { routeLabel, UNMATCHED_ROUTE } from './http-route.label';

/**
 * Times every request from the moment it reaches Nest's middleware to the last byte sent. It reads
 * the route when the response finishes, so answers made by guards (401, 403, 429), pipes (400) and
 * filters are counted with their route template — interceptors would never see those.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpRequestMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    // Nest mounts middleware as a catch-all route: a request still carrying that route when it
    // finishes matched no handler.
    const ownRoute: unknown = req.route;
    res.once('finish', () => {
      const route = req.route === ownRoute ? UNMATCHED_ROUTE : routeLabel(req);
      this.metrics.record(req.method, route, res.statusCode, (performance.now() - started) / 1000);
    });
    next();
  }
}
