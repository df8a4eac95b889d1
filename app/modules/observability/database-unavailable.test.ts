import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { EntryContext } from "@remix-run/node";
import { DrizzleQueryError } from "drizzle-orm/errors";
import express from "express";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import handleRequest, { handleError } from "../../entry.server";
import {
  RETRY_AFTER_SECONDS,
  databaseUnavailableErrorHandler,
  databaseUnavailableStatus,
  databaseWasUnavailable,
  isDatabaseUnavailable,
  isDriverClosedSocketWrite,
  markDatabaseUnavailable,
} from "./database-unavailable.server";
import { requestContext, type RequestContext } from "./request-context.server";

const store = (): RequestContext => ({ requestId: "r", cspNonce: "n", ip: null, userAgent: null });
const pgError = (code: string, message = "") => Object.assign(new Error(message), { name: "PostgresError", severity: "FATAL", code });
const wrapped = (cause: unknown) => new DrizzleQueryError("select 1", [], cause as Error);

/** The error the real driver gives when nothing listens on the port (a closed loopback port). */
async function refusedConnectionError() {
  const client = postgres("postgres://postgres@127.0.0.1:1/postgres", { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await client`select 1`;
    throw new Error("la connexion aurait dû échouer");
  } catch (error) {
    return error;
  } finally {
    await client.end({ timeout: 1 });
  }
}

describe("database outage classification", () => {
  it("recognises the driver's refused connection, bare or wrapped by drizzle", async () => {
    const error = await refusedConnectionError();
    expect((error as { code?: string }).code).toBe("ECONNREFUSED");
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
  });

  it("recognises a server that shuts down, restarts or drops the connection", () => {
    for (const code of ["57P01", "57P02", "57P03", "08006", "08003", "08001", "53300"]) expect(isDatabaseUnavailable(wrapped(pgError(code))), code).toBe(true);
    for (const code of ["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "ECONNRESET", "EPIPE"]) {
      expect(isDatabaseUnavailable(wrapped(Object.assign(new Error(code), { code }))), code).toBe(true);
    }
    // Node gathers the attempts of one connection (IPv4, IPv6) in an AggregateError.
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error("refusé"), { code: "ECONNREFUSED" })]))).toBe(true);
  });

  it("leaves bugs and refused queries as errors", () => {
    for (const code of ["23505", "23503", "42601", "42P01", "40001", "22P02", "57014"]) expect(isDatabaseUnavailable(wrapped(pgError(code))), code).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("ECONNREFUSED dans le message seulement"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
    const loop: { cause?: unknown } = new Error("boucle");
    loop.cause = { cause: loop };
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});

describe("Remix entry: handleError marks the request, the document becomes a 503", () => {
  const request = () => new Request("http://localhost/t/villeurbanne/resultats");

  it("answers the French page with Retry-After after a database outage", async () => {
    const context = store();
    const response = await requestContext.run(context, async () => {
      handleError(wrapped(pgError("57P01", "terminating connection due to administrator command")), { request: request(), params: {}, context: { cspNonce: "n" } });
      expect(databaseWasUnavailable()).toBe(true);
      return handleRequest(request(), 500, new Headers(), {} as EntryContext, { cspNonce: "n" });
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Service momentanément indisponible");
  });

  it("logs other errors and does not mark the request", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const context = store();
    const bug = new TypeError("x is undefined");
    requestContext.run(context, () => handleError(bug, { request: request(), params: {}, context: { cspNonce: "n" } }));
    expect(spy).toHaveBeenCalledWith(bug);
    expect(databaseWasUnavailable(context)).toBe(false);
    spy.mockRestore();
  });
});

describe("Express hooks", () => {
  let base = "";
  let close: () => void = () => {};
  beforeAll(async () => {
    const app = express();
    app.use((_req, _res, next) => requestContext.run(store(), next));
    app.use(databaseUnavailableStatus);
    // What the Remix adapter does after handleError marked the request: status 500, then the body.
    app.get("/marque", (_req, res) => {
      markDatabaseUnavailable();
      res.status(500).send("Unexpected Server Error");
    });
    app.get("/bogue", (_req, res) => {
      res.status(500).send("Unexpected Server Error");
    });
    app.get("/jete", () => {
      throw wrapped(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    });
    app.get("/jete-autre", () => {
      throw wrapped(pgError("23505"));
    });
    app.use(databaseUnavailableErrorHandler);
    app.use(((_error, _req, res, _next) => {
      res.status(500).send("autre erreur");
    }) as express.ErrorRequestHandler);
    await new Promise<void>((resolve) => {
      const server = app.listen(0, "127.0.0.1", () => {
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        close = () => server.close();
        resolve();
      });
    });
  });
  afterAll(() => close());

  it("turns the 500 of a marked request into a 503 with Retry-After", async () => {
    const response = await fetch(`${base}/marque`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
  });

  it("leaves the 500 of a bug alone", async () => {
    const response = await fetch(`${base}/bogue`);
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
  });

  it("answers a database error thrown before Remix with a French 503", async () => {
    const page = await fetch(`${base}/jete`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(await page.text()).toContain("Service momentanément indisponible");
    const text = await fetch(`${base}/jete`, { headers: { accept: "application/json" } });
    expect(text.status).toBe(503);
    expect(text.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await text.text()).toMatch(/^Service momentanément indisponible/);
    const other = await fetch(`${base}/jete-autre`);
    expect(other.status).toBe(500);
    expect(await other.text()).toBe("autre erreur");
  });
});

/** The TypeError the driver throws from its setImmediate callback, with the stack it has (postgres 3.4.9). */
const driverStack = (root: string) => `TypeError: Cannot read properties of null (reading 'write')
    at Immediate.nextWrite (file://${root}/node_modules/postgres/src/connection.js:255:22)
    at process.processImmediate (node:internal/timers:483:21)`;

describe("the driver's write on a closed connection does not end the process", () => {
  it("recognises that error only", () => {
    const error = Object.assign(new TypeError("Cannot read properties of null (reading 'write')"), { stack: driverStack("/srv/app") });
    expect(isDriverClosedSocketWrite(error)).toBe(true);
    const elsewhere = Object.assign(new TypeError("Cannot read properties of null (reading 'write')"), { stack: "TypeError: …\n    at render (file:///srv/app/build/server/index.js:10:1)" });
    expect(isDriverClosedSocketWrite(elsewhere)).toBe(false);
    expect(isDriverClosedSocketWrite(Object.assign(new Error("Cannot read properties of null (reading 'write')"), { stack: driverStack("/srv/app") }))).toBe(false);
    expect(isDriverClosedSocketWrite(new TypeError("x is undefined"))).toBe(false);
  });

  // In a child process: the guard changes the process's fate, which only another process can observe.
  const run = (throwing: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "garde-pilote-"));
    const script = path.join(dir, "script.ts");
    const modulePath = path.resolve(import.meta.dirname, "database-unavailable.server.ts");
    writeFileSync(
      script,
      `import { surviveDriverClosedSocketWrite } from ${JSON.stringify(modulePath)};
process.env.LOG_LEVEL = "silent";
surviveDriverClosedSocketWrite();
setImmediate(() => { ${throwing} });
setTimeout(() => { console.log("toujours en vie"); }, 100);
`,
    );
    try {
      return spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 20_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("survives the driver's error", () => {
    const result = run(`throw Object.assign(new TypeError("Cannot read properties of null (reading 'write')"), { stack: ${JSON.stringify(driverStack("/srv/app"))} });`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("toujours en vie");
  });

  it("still ends the process on any other uncaught error", () => {
    const result = run(`throw new TypeError("x is undefined");`);
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain("toujours en vie");
    expect(result.stderr).toContain("x is undefined");
  });
});
