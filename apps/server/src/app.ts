import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import pino from "pino";
import { z } from "zod";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/database.js";
import { featureRoutes } from "./features/index.js";
import { docsPrefix, registerAccessControl } from "./platform/access/access.plugin.js";
import { policy, type RegisteredRoute } from "./platform/access/policy.js";
import { maskTokens } from "./platform/auth/mask.js";
import type { AppContext } from "./platform/context.js";
import { registerErrorHandling } from "./platform/http/error-handler.js";
import { ProblemError } from "./platform/http/problem.js";
import type { TypedApp } from "./platform/http/typed-app.js";
import { uuidv7 } from "./platform/ids.js";
import { createMailer, type Mailer } from "./platform/mail/mailer.js";
import { createLocalStorage, type FileStorage } from "./platform/storage/storage.js";

export interface BuiltApp {
  app: TypedApp;
  ctx: AppContext;
  routes: RegisteredRoute[];
}

const webDist = fileURLToPath(new URL("../../web/dist/", import.meta.url));

export async function buildApp(config: Config, database: DatabaseHandle, options: { mailer?: Mailer } = {}): Promise<BuiltApp> {
  const log = pino({
    level: config.logLevel,
    serializers: {
      // Invitation and reset tokens travel in URLs: never write them to the log.
      req: (request: { method: string; url: string; id: string }) => ({ method: request.method, url: maskTokens(request.url), id: request.id }),
    },
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "req.headers['x-csrf-token']", "*.password", "*.password_hash"],
      censor: "[redacted]",
    },
  });
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    genReqId: () => uuidv7(),
    requestIdHeader: false,
    // Behind a reverse proxy the client address comes from X-Forwarded-For, but only from the
    // proxies TRUST_PROXY names; otherwise the throttles would see one address for everyone.
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const ctx: AppContext = {
    db: database.db,
    engine: database.engine,
    config,
    log,
    storage: await createStorage(config),
    mailer: options.mailer ?? createMailer({ db: database.db, smtpUrl: config.smtpUrl, dataDir: config.dataDir, log }),
  };
  const routes: RegisteredRoute[] = [];

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  await app.register(cookie, { secret: config.sessionSecret });
  // Per-address limits on the public forms; each public route opts in with config.rateLimit.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ProblemError(429, "rate_limited", "Slow down", `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`),
  });
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
  // CSV imports arrive as text/csv bodies (up to 10 MB), parsed per feature.
  app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string", bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  registerAccessControl(app, {
    db: database.db,
    lifetimes: { idleMinutes: config.sessionIdleMinutes, absoluteMinutes: config.sessionAbsoluteMinutes },
    registry: routes,
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Trellis API", version: config.version, description: "Partner relationship management. Errors are application/problem+json." },
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "trellis_session",
            description: "Browser session; unsafe methods also need the X-CSRF-Token header",
          },
          bearer: { type: "http", scheme: "bearer", description: "API token created under Admin > API tokens" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: docsPrefix, uiConfig: { deepLinking: true } });
  app.get("/api/openapi.json", { config: { policy: policy.public }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    "/api/health",
    {
      config: { policy: policy.public },
      schema: {
        tags: ["platform"],
        response: { 200: z.object({ status: z.literal("ok"), db: z.enum(["sqlite", "postgres"]), version: z.string() }) },
      },
    },
    async () => ({ status: "ok" as const, db: database.engine, version: config.version }),
  );

  for (const register of featureRoutes) await app.register(async (scope) => register(scope.withTypeProvider<ZodTypeProvider>(), ctx));

  await registerWeb(app);
  return { app, ctx, routes };
}

/** STORAGE_DRIVER picks the backend; the AWS SDK is large and warns on import, so it loads only when used. */
async function createStorage(config: Config): Promise<FileStorage> {
  if (config.storage.driver === "local") return createLocalStorage(config.dataDir);
  const { createS3Storage } = await import("./platform/storage/s3-storage.js");
  return createS3Storage({ ...config.storage, dataDir: config.dataDir });
}

/** TRUST_PROXY=n: trust the n nearest proxies (Fastify's hop-count semantics). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** The built web app, with the SPA fallback for client-side routes. */
async function registerWeb(app: TypedApp) {
  if (!existsSync(webDist)) return;
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, serve: false });
  app.get("/assets/*", { config: { policy: policy.public }, schema: { hide: true } }, (request, reply) => {
    const path = (request.params as { "*": string })["*"];
    return reply.header("cache-control", "public, max-age=31536000, immutable").sendFile(`assets/${path}`);
  });
  app.get("/favicon.svg", { config: { policy: policy.public }, schema: { hide: true } }, (_request, reply) => reply.sendFile("favicon.svg"));
  app.get("/*", { config: { policy: policy.public }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith("/api/")) return reply.callNotFound();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
