import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { initDatabase } from "./db/bootstrap";
import { parseEnv, type Env } from "./app/env.server";
import { requestContext, type RequestContext } from "./app/modules/observability/request-context.server";
import { startJobs } from "./app/modules/jobs/runner.server";
import { isCrossSiteRequest, ONE_CLICK_UNSUBSCRIBE_PATH } from "./app/modules/observability/csrf";
import { securityHeaderOptions } from "./app/modules/observability/security-headers";
import { impersonationReadOnly } from "./app/modules/auth/impersonation.server";
import { DEMO_WEBHOOK_SECRET } from "./app/modules/billing/stripe.server";
import { PageCopies, publicPageCache } from "./app/modules/public/http-cache.server";
import { sessionCookieName } from "./app/modules/auth/session.server";
import { databaseUnavailableErrorHandler, databaseUnavailableStatus, surviveDriverClosedSocketWrite } from "./app/modules/observability/database-unavailable.server";

/*
 * The portal's HTTP server: security headers with a per-request CSP nonce, one JSON log line
 * per request, a cross-site request check on every mutation, the read-only rule of an admin's
 * "voir comme", rate-limit tiers, then Remix.
 */
let env: Env;
try {
  env = parseEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const dev = process.argv.includes("--dev");
if (env.NODE_ENV === "production" && !env.DEMO && !env.HOSTING_NAME) {
  console.warn(JSON.stringify({ level: "warn", msg: "mentions légales incomplètes : définissez HOSTING_NAME, HOSTING_ADDRESS et HOSTING_PHONE (hébergeur, LCEN art. 6)" }));
}
// A PostgreSQL restart must not end the process (see database-unavailable.server.ts).
surviveDriverClosedSocketWrite();

const database = await initDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.DATA_DIR,
  demo: env.DEMO,
  poolMax: env.DATABASE_POOL_MAX,
  prepare: env.DATABASE_PREPARE,
});

/*
 * Without Stripe keys, payments go to the local demo provider: the same SDK calls, a clearly
 * labelled checkout page, and correctly signed webhooks sent to our own /webhooks/stripe.
 */
let paymentOrigin = "https://checkout.stripe.com";
if (!env.STRIPE_SECRET_KEY) {
  const { startFakeStripe } = await import("./scripts/fake-stripe");
  const demoStripe = await startFakeStripe({
    webhookUrl: `http://127.0.0.1:${env.PORT}/webhooks/stripe`,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? DEMO_WEBHOOK_SECRET,
  });
  process.env.STRIPE_API_HOST = demoStripe.host;
  process.env.STRIPE_API_PORT = String(demoStripe.port);
  process.env.STRIPE_API_PROTOCOL = "http";
  paymentOrigin = demoStripe.url;
}

/*
 * ProConnect: in demo mode without ProConnect keys, a local identity provider clearly labelled
 * "démonstration" answers the "S'identifier avec ProConnect" button (same library calls).
 */
let identityProviderOrigin = env.PROCONNECT_ISSUER ? new URL(env.PROCONNECT_ISSUER).origin : undefined;
if (!env.PROCONNECT_ISSUER && env.DEMO && env.PROCONNECT_DEMO !== false) {
  try {
    const { startFakeProConnect } = await import("./scripts/fake-proconnect");
    const demoProConnect = await startFakeProConnect({ appUrl: env.APP_URL, demo: true });
    process.env.PROCONNECT_ISSUER = demoProConnect.issuer;
    process.env.PROCONNECT_CLIENT_ID = demoProConnect.clientId;
    process.env.PROCONNECT_CLIENT_SECRET = demoProConnect.clientSecret;
    identityProviderOrigin = demoProConnect.origin;
  } catch (error) {
    // oidc-provider is a development dependency: without it, simply no ProConnect button.
    console.warn(JSON.stringify({ level: "warn", msg: "fournisseur ProConnect de démonstration indisponible", error: (error as Error).message }));
  }
}

const viteDevServer = dev
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.APP_URL.startsWith("https://") ? 1 : false);

app.use((req: Request, res: Response, next: NextFunction) => {
  const store: RequestContext = {
    requestId: (req.get("x-request-id") ?? randomUUID()).slice(0, 64),
    cspNonce: randomBytes(16).toString("base64"),
    ip: req.ip ?? null,
    userAgent: req.get("user-agent") ?? null,
  };
  res.locals.cspNonce = store.cspNonce;
  res.locals.requestContext = store;
  res.setHeader("X-Request-Id", store.requestId);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (env.LOG_LEVEL === "silent") return;
    // The path only: query strings may carry one-time tokens and must not reach the logs.
    console.log(
      JSON.stringify({
        level: res.statusCode >= 500 ? "error" : "info",
        time: new Date().toISOString(),
        requestId: store.requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        userId: store.userId ?? null,
        tenant: store.tenant ?? null,
      }),
    );
  });
  requestContext.run(store, next);
});

app.use(helmet(securityHeaderOptions({ https: env.secureCookies, dev, paymentOrigin, identityProviderOrigin })));

app.use((req: Request, res: Response, next: NextFunction) => {
  if (isCrossSiteRequest({ method: req.method, path: req.path, origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), host: req.get("host"), protocol: req.protocol, appUrl: env.APP_URL })) {
    res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne provient pas du portail.");
    return;
  }
  // The one-click unsubscribe comes from the mail provider's origin (RFC 8058): Remix's own origin
  // check would abort it; the unguessable token in its URL is its protection.
  if (req.path === ONE_CLICK_UNSUBSCRIBE_PATH) delete req.headers.origin;
  next();
});

// An admin's "voir comme" consultation is read-only for every route: writes are refused here, once.
app.use(impersonationReadOnly);

app.use(compression());

app.use(
  rateLimit({
    windowMs: 60_000,
    limit: env.RATE_LIMIT_GLOBAL_PER_MINUTE,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => req.method === "GET" && (req.path.startsWith("/assets/") || req.path === "/healthz"),
    handler: (_req, res) => {
      res.status(429).type("text/plain; charset=utf-8").send("Trop de requêtes : merci de patienter une minute avant de réessayer.");
    },
  }),
);

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  const client = path.resolve("build/client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  // The other public files (favicon.svg…) all have an extension: pages skip the file-system lookup.
  const publicFiles = express.static(client, { maxAge: "1h" });
  app.use((req: Request, res: Response, next: NextFunction) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(path.resolve("build/server/index.js"))) as ServerBuild);

// Public pages (Cache-Control: public…): ETag and 304, never public for a signed-in visitor, and
// the pages built from the database kept rendered a few seconds for anonymous visitors (ADR 013).
// Not in development: an edited component must show at once.
app.use(
  publicPageCache({
    sessionCookieName,
    copies: dev ? undefined : new PageCopies(),
    userIdOf: (res) => (res.locals.requestContext as RequestContext | undefined)?.userId,
  }),
);

// A database outage answers 503 with Retry-After, never 500 (see database-unavailable.server.ts).
app.use(databaseUnavailableStatus);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: dev ? "development" : "production",
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
  }),
);
app.use(databaseUnavailableErrorHandler);

const stopJobs = startJobs();
const server = app.listen(env.PORT, () => {
  console.log(JSON.stringify({ level: "info", msg: `Portail prêt sur ${env.APP_URL}`, port: env.PORT, engine: database.engine, demo: env.DEMO }));
});

async function shutdown() {
  stopJobs();
  server.close();
  await database.close().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
