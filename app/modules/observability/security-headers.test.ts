import type { AddressInfo } from "node:net";
import express from "express";
import helmet from "helmet";
import { describe, expect, it } from "vitest";
import { cspDirectives, HSTS_MAX_AGE_SECONDS, securityHeaderOptions, type SecurityHeadersConfig } from "./security-headers";

/*
 * The header configuration the server uses, run through helmet itself on a throw-away Express
 * app: what a browser would receive, not the options object (ASVS 5.0 §3.4).
 */

const ONE_YEAR = 365 * 24 * 60 * 60;

async function headersFor(config: SecurityHeadersConfig, nonce = "bm9uY2UtZGUtdGVzdC0xMjM0") {
  const app = express();
  app.disable("x-powered-by");
  app.use((_req, res, next) => {
    res.locals.cspNonce = nonce;
    next();
  });
  app.use(helmet(securityHeaderOptions(config)));
  app.get("/", (_req, res) => {
    res.type("text/html").send("<!doctype html><title>test</title>");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    return response.headers;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const production = { dev: false, paymentOrigin: "https://checkout.stripe.com" };

describe("security headers (helmet options)", () => {
  it("https: HSTS for at least a year, subdomains included (ASVS 3.4.1)", async () => {
    const headers = await headersFor({ ...production, https: true });
    const hsts = headers.get("strict-transport-security") ?? "";
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(ONE_YEAR);
    expect(maxAge).toBe(HSTS_MAX_AGE_SECONDS);
    expect(hsts).toContain("includeSubDomains");
    expect(cspDirectives(headers.get("content-security-policy") ?? "").has("upgrade-insecure-requests")).toBe(true);
  });

  it("http: no HSTS (a local run must not pin the host to https)", async () => {
    const headers = await headersFor({ ...production, https: false });
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(cspDirectives(headers.get("content-security-policy") ?? "").has("upgrade-insecure-requests")).toBe(false);
  });

  it("a strict CSP with the request's nonce, nosniff, a Referrer-Policy", async () => {
    for (const https of [true, false]) {
      const headers = await headersFor({ ...production, https }, "YWJjZGVmZ2hpamtsbW5vcA==");
      const csp = cspDirectives(headers.get("content-security-policy") ?? "");
      expect(csp.get("script-src")).toEqual(["'self'", "'nonce-YWJjZGVmZ2hpamtsbW5vcA=='"]);
      expect(csp.get("style-src")).toEqual(["'self'"]);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      expect(csp.get("form-action")).toEqual(["'self'", "https://checkout.stripe.com"]);
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(headers.get("x-powered-by")).toBeNull();
    }
  });

  it("each request gets its own nonce", async () => {
    const a = cspDirectives((await headersFor({ ...production, https: false }, "cHJlbWllcg==")).get("content-security-policy") ?? "");
    const b = cspDirectives((await headersFor({ ...production, https: false }, "c2Vjb25k")).get("content-security-policy") ?? "");
    expect(a.get("script-src")).toContain("'nonce-cHJlbWllcg=='");
    expect(b.get("script-src")).toContain("'nonce-c2Vjb25k'");
  });

  it("only the development server relaxes scripts and styles (Vite's client)", async () => {
    const csp = cspDirectives((await headersFor({ ...production, https: false, dev: true })).get("content-security-policy") ?? "");
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("connect-src")).toContain("ws:");
  });
});
