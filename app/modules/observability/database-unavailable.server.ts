import type { ErrorRequestHandler, NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { requestContext, type RequestContext } from "./request-context.server";

/*
 * When PostgreSQL restarts or cannot be reached, a request fails through no fault of its own and
 * succeeds again a few seconds later: the portal answers 503 with Retry-After (never 500), and the
 * `postgres` driver reconnects by itself on the next query, without restarting the server.
 *
 * Remix catches loader and action errors itself: its `handleError` (app/entry.server.tsx) marks
 * the request, the document is replaced by the page below, and the Express hook turns the 500 of
 * data requests and resource routes into a 503. Errors reaching Express (middlewares before Remix)
 * are answered by `databaseUnavailableErrorHandler`.
 */

export const RETRY_AFTER_SECONDS = 5;

/** Network failures while connecting to, or talking with, the database server. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** The `postgres` driver's own connection errors. */
const DRIVER_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);
/**
 * SQLSTATE codes of a server that is going away or not ready: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/**
 * Tells whether `error` (or one of its causes: drizzle wraps the driver's error in `cause`; Node
 * gathers the attempts of a connection in an AggregateError) means that the database is unreachable,
 * as opposed to a bug or a refused query (constraint violation, syntax error…).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 8) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause, depth + 1);
}

export const UNAVAILABLE_TEXT = "Service momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques secondes.";

/** The document shown instead of the page: self-contained (no database, no script, no inline style). */
export const UNAVAILABLE_PAGE = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Service momentanément indisponible | Baromètre Expérience Citoyen</title>
</head>
<body>
<main>
<h1>Service momentanément indisponible</h1>
<p>Le portail ne parvient pas à joindre sa base de données. Aucune donnée n'est perdue : réessayez dans quelques secondes.</p>
<p><a href="/">Revenir à l'accueil</a></p>
</main>
</body>
</html>
`;

export const unavailableHeaders = (contentType: string) => ({
  "Content-Type": contentType,
  "Retry-After": String(RETRY_AFTER_SECONDS),
  "Cache-Control": "no-store",
});

/** The full 503 response, for a document request. */
export function unavailableDocument(): Response {
  return new Response(UNAVAILABLE_PAGE, { status: 503, headers: unavailableHeaders("text/html; charset=utf-8") });
}

/*
 * Requests marked during their handling. The Express server and the Remix bundle each load their
 * own copy of this module: the set lives on globalThis, keyed by the request's context object.
 */
const key = Symbol.for("experience-citoyen.database-unavailable");
type G = typeof globalThis & { [key]?: WeakSet<RequestContext> };
const marked: WeakSet<RequestContext> = ((globalThis as G)[key] ??= new WeakSet<RequestContext>());

/** Records that the current request failed because the database is unreachable. */
export function markDatabaseUnavailable() {
  const store = requestContext.getStore();
  if (store) marked.add(store);
}

export function databaseWasUnavailable(store = requestContext.getStore()): boolean {
  return store ? marked.has(store) : false;
}

/** One log line instead of a stack trace: the outage is expected, and it is not a bug. */
export function logDatabaseUnavailable(error: unknown) {
  if (process.env.LOG_LEVEL === "silent") return;
  const store = requestContext.getStore();
  const cause = (function find(e: unknown, depth: number): string {
    const { code, message, cause: inner } = (e ?? {}) as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string") return `${code}${typeof message === "string" ? ` ${message}` : ""}`;
    return inner !== undefined && depth < 8 ? find(inner, depth + 1) : String(message ?? e);
  })(error, 0);
  console.error(JSON.stringify({ level: "warn", time: new Date().toISOString(), requestId: store?.requestId ?? null, msg: "base de données injoignable : réponse 503", cause }));
}

/**
 * Express middleware placed before the Remix handler: a 500 given to a request marked by
 * `handleError` leaves as a 503 with Retry-After (data requests, resource routes).
 */
export function databaseUnavailableStatus(_req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const store = requestContext.getStore();
  const status = res.status.bind(res);
  res.status = (code: number) => {
    if (code === 500 && databaseWasUnavailable(store)) {
      res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      res.setHeader("Cache-Control", "no-store");
      return status(503);
    }
    return status(code);
  };
  next();
}

/** Last Express error handler for database outages; other errors go on to Express's default one. */
export const databaseUnavailableErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (!isDatabaseUnavailable(error) || res.headersSent) return next(error);
  logDatabaseUnavailable(error);
  res.status(503).set(unavailableHeaders(req.accepts("html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8"));
  res.send(req.accepts("html") ? UNAVAILABLE_PAGE : UNAVAILABLE_TEXT);
};

/*
 * The `postgres` driver (3.4.9, upstream issues porsager/postgres#1066, #1154, #1208) may write to
 * a connection's socket from a setImmediate callback after the server closed it: a TypeError
 * thrown outside any query, which would end the process on every PostgreSQL restart. The query
 * concerned has already been rejected (CONNECTION_CLOSED, answered 503) and the pool opens a new
 * connection: that one error is logged and survived; every other uncaught error still ends the
 * process, as Node does by default.
 */
export function isDriverClosedSocketWrite(error: unknown): boolean {
  if (!(error instanceof TypeError) || !/\(reading 'write'\)/.test(error.message)) return false;
  const stack = error.stack ?? "";
  return /nextWrite/.test(stack) && /[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(stack);
}

let guardInstalled = false;
export function surviveDriverClosedSocketWrite() {
  if (guardInstalled) return;
  guardInstalled = true;
  process.on("uncaughtException", (error) => {
    if (isDriverClosedSocketWrite(error)) {
      if (process.env.LOG_LEVEL !== "silent") {
        console.error(JSON.stringify({ level: "warn", time: new Date().toISOString(), msg: "pilote PostgreSQL : écriture sur une connexion déjà fermée, ignorée", error: error.message }));
      }
      return;
    }
    console.error(error);
    process.exit(1);
  });
}
