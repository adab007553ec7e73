import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule, requestId } from './app.module.js';
import { fastifyTrustProxy, type AppConfig } from './config/config.js';
import { installInputLimits } from './common/input-limits.js';
import { completeSpec, documentDtosFromValidators } from './common/openapi.js';
import { routeTable } from './common/route-table.js';
import { createValidationPipe } from './common/validation.js';
import { APP_VERSION } from './version.js';
import { serveH5 } from './h5-static.js';
import { OPEN311_PATH } from './open311/georeport.controller.js';

export const API_PREFIX = 'api/v1';

/** A route as Fastify registers it (`url` is the pattern, e.g. `/api/v1/events/:id`). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface CreateAppOptions {
  /**
   * Called for every route Fastify registers, the docs and static routes included (the access
   * matrix test uses it to find endpoints that no row covers).
   */
  onRoute?(route: RegisteredRoute): void;
  /** Called with the OpenAPI document served at /api/docs-json (the mini-program's client is generated from it). */
  onOpenApi?(doc: OpenAPIObject): void;
}

/** Builds the Nest app (routes, docs, pipes, static H5) without listening; used by main and tests. */
export async function createApp(config: AppConfig, opts: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    genReqId: requestId,
    // Fastify's own 404 for unknown routes is replaced by Nest's, which our filter maps.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Behind a reverse proxy, req.ip (login rate limits) is the client from X-Forwarded-For, but
    // only as far as TRUST_PROXY trusts the hops; off by default so the header cannot be forged.
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
  });
  const onRoute = opts.onRoute;
  if (onRoute) {
    adapter.getInstance().addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) onRoute({ method, url: r.url });
    });
  }
  // Runs before Nest's middleware, so pino-http logs the same id the client sees.
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    (req.raw as { id?: string }).id = req.id;
    void reply.header('x-request-id', req.id);
    done();
  });
  installInputLimits(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Webhook signatures are checked over the exact bytes received (req.rawBody).
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  // Photo uploads (wx.uploadFile sends multipart/form-data); per-route limits are set by the handler.
  await app.register((await import('@fastify/multipart')).default as never, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } } as never);
  // Open311 GeoReport v2 lives where its clients look for it, outside /api/v1 (src/open311).
  app.setGlobalPrefix(API_PREFIX, { exclude: [`${OPEN311_PATH}/{*path}`] });
  app.useGlobalPipes(createValidationPipe());
  if (config.CORS_ORIGINS) {
    app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((s) => s.trim()), credentials: false });
  }

  documentDtosFromValidators();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('weigrid API')
      .setDescription('微网格 community governance: grids, events, accounts, notices, check-ins')
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
  );
  completeSpec(doc, routeTable(app, API_PREFIX));
  opts.onOpenApi?.(doc);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  const h5 = config.H5_DIR ? resolve(config.H5_DIR) : undefined;
  if (h5 && existsSync(resolve(h5, 'index.html'))) {
    // Serve the H5 build of the mini-app at `/` so one port hosts the whole product in dev.
    await serveH5(app.getHttpAdapter().getInstance(), h5);
  }
  return app;
}
