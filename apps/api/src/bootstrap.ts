import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ApiKeyService } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { mountDashboard } from './dashboard/dashboard-assets';
import { applySecurityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation.pipe';
import { refuseHostileInput } from './http/validation/refuse-hostile-input.middleware';
import { isOtlpExportPath } from './otlp/otlp-encoding';
import { isTrackerWebhookPath, keepRawBody, WEBHOOK_BODY_LIMIT } from './trackers/webhook-body';

/** Builds the HTTP application: logging, body limits, validation, OpenAPI, the admin key. */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  const config = app.get<AppConfig>(APP_CONFIG);
  // First, so refusals of the body parser carry them too; the dashboard and the routes that set
  // their own headers (CSP, caching) run later and override these.
  applySecurityHeaders(app);
  // A tracker's webhook is signed over its exact bytes: they are kept beside the parsed JSON
  // (docs/trackers.md, "Webhooks"), whatever content type the delivery claims. Nest's typing
  // leaves out body-parser's `verify` (its own `rawBody` option keeps every request's bytes);
  // the option passes through to body-parser as given.
  const webhookBody = {
    limit: WEBHOOK_BODY_LIMIT,
    type: (req: { url?: string }) => isTrackerWebhookPath(req.url),
    verify: keepRawBody,
  };
  app.useBodyParser('json', webhookBody);
  // OTLP exports are read by the receiver itself (protobuf or JSON, gzip, otlp.maxBodyBytes).
  app.useBodyParser('json', {
    limit: config.server.bodyLimit,
    type: (req: { url?: string; headers: Record<string, unknown> }) =>
      !isOtlpExportPath(req.url) &&
      !isTrackerWebhookPath(req.url) &&
      /^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? '')),
  });
  // A CSV import (docs/import.md) is sent as the file itself.
  app.useBodyParser('text', { limit: config.server.bodyLimit, type: 'text/csv' });
  // Depth, NUL and prototype keys are refused here, before class-transformer or the database see them.
  app.use(refuseHostileInput);
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  mountDashboard(app);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Remediation tracker')
      .setDescription(
        'Post-mortem corrective actions, verified against telemetry. Every /api route takes ' +
          '`Authorization: Bearer <api key>`; the roles each route accepts are in its `x-roles`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key, e.g. rt_…' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.get(ApiKeyService).ensureAdminKey();
  return app;
}
