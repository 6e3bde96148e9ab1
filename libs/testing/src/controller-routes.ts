import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/**
 * The routes a Nest controller declares, as `GET /health/ready`, read from its decorators: what a
 * deployment file's probe, scrape or export path must name (the service sets no global prefix).
 */
export function controllerRoutes(controller: abstract new (...args: never[]) => unknown): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (name === 'constructor' || typeof handler !== 'function') return [];
    const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
    if (path === undefined) return [];
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
    const segments = [base ?? '', path].flatMap((part) => part.split('/')).filter((part) => part !== '');
    return [`${method} /${segments.join('/')}`];
  });
}
