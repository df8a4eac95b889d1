import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import compression from "compression";
import express, { type Response as ExpressResponse } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieName } from "../auth/session.server";
import { PUBLIC_PAGE_CACHE_CONTROL } from "./http-cache";
import { publicPageCache, weakEtag } from "./http-cache.server";

/*
 * The caching middleware in a real Express app on a random port, arranged as in server.ts: a
 * per-request CSP nonce (header + <script nonce>), compression, then the middleware, then pages
 * answering the way the Remix adapter does (status, headers, then the body streamed in chunks).
 */

let server: Server;
let base = "";
let nonceCounter = 0;

/** Writes `parts` one by one on later ticks, like the Remix adapter streaming a rendered page. */
async function stream(res: ExpressResponse, parts: string[]) {
  for (const part of parts) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    res.write(part);
  }
  res.end();
}

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    nonceCounter += 1;
    res.locals.cspNonce = `nonce${nonceCounter}xyz`;
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(compression());
  app.use(publicPageCache({ sessionCookieName }));
  app.get("/page-publique", (req, res) => {
    res.status(200);
    res.append("Content-Type", "text/html; charset=utf-8");
    res.append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
    const version = String(req.query.v ?? "1");
    void stream(res, [`<!DOCTYPE html><html lang="fr"><body><h1>Accueil v${version}</h1>`, "x".repeat(5000), `<script nonce="${res.locals.cspNonce}">1</script></body></html>`]);
  });
  app.get("/page-privee", (_req, res) => {
    res.append("Cache-Control", "private, no-cache");
    void stream(res, ["<p>Mon espace</p>"]);
  });
  app.get("/connexion-reussie", (_req, res) => {
    res.append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
    res.append("Set-Cookie", "ec_session=jeton; Path=/; HttpOnly");
    res.end("ok");
  });
  app.get("/introuvable", (_req, res) => {
    res.status(404).append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
    res.end("Page introuvable");
  });
  app.post("/page-publique", (_req, res) => {
    res.append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
    res.end("posté");
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("public pages for anonymous visitors", () => {
  it("are public with a weak ETag and Vary: Cookie, whole and compressed", async () => {
    const response = await fetch(`${base}/page-publique`, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(response.headers.get("etag")).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(response.headers.get("vary")).toMatch(/Accept-Encoding/);
    expect(response.headers.get("vary")).toMatch(/Cookie/);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const html = await response.text();
    expect(html).toContain("<h1>Accueil v1</h1>");
    expect(html).toMatch(/<script nonce="nonce\d+xyz">1<\/script><\/body><\/html>$/);
  });

  it("keep the same ETag from one request to the next although the CSP nonce changes", async () => {
    const first = await fetch(`${base}/page-publique`);
    const second = await fetch(`${base}/page-publique`);
    expect(first.headers.get("content-security-policy")).not.toBe(second.headers.get("content-security-policy"));
    expect(first.headers.get("etag")).toBe(second.headers.get("etag"));
    const changed = await fetch(`${base}/page-publique?v=2`);
    expect(changed.headers.get("etag")).not.toBe(first.headers.get("etag"));
  });

  it("answer 304 without body nor CSP to a matching If-None-Match, 200 otherwise", async () => {
    const first = await fetch(`${base}/page-publique`);
    const etag = first.headers.get("etag")!;
    await first.text();

    const revalidated = await fetch(`${base}/page-publique`, { headers: { "If-None-Match": etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(revalidated.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    // The browser keeps the stored CSP, whose nonce is the one of the body it reuses.
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
    expect(await revalidated.text()).toBe("");

    const list = await fetch(`${base}/page-publique`, { headers: { "If-None-Match": `W/"autre", ${etag}` } });
    expect(list.status).toBe(304);

    const stale = await fetch(`${base}/page-publique?v=2`, { headers: { "If-None-Match": etag } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain("Accueil v2");
  });

  it("answer HEAD with public caching and no body to hash", async () => {
    const response = await fetch(`${base}/page-publique`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(response.headers.get("etag")).toBeNull();
  });

  it("do not validate an error page", async () => {
    const response = await fetch(`${base}/introuvable`);
    expect(response.status).toBe(404);
    expect(response.headers.get("etag")).toBeNull();
    expect(await response.text()).toBe("Page introuvable");
  });
});

describe("signed-in visitors", () => {
  it("get the same public page as private, no-store, without ETag, even with a matching If-None-Match", async () => {
    const etag = (await fetch(`${base}/page-publique`)).headers.get("etag")!;
    const cookie = `theme=clair; ${sessionCookieName()}=jeton.secret`;
    const response = await fetch(`${base}/page-publique`, { headers: { Cookie: cookie, "If-None-Match": etag } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("etag")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/Cookie/);
    expect(await response.text()).toContain("Accueil v1");
  });

  it("an emptied session cookie or another cookie alone leaves the page public", async () => {
    const response = await fetch(`${base}/page-publique`, { headers: { Cookie: `theme=clair; ${sessionCookieName()}=` } });
    expect(response.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
  });

  it("a response that sets a cookie is never public", async () => {
    const response = await fetch(`${base}/connexion-reussie`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("set-cookie")).toMatch(/^ec_session=jeton/);
  });
});

describe("other responses", () => {
  it("are left as the route set them", async () => {
    const privatePage = await fetch(`${base}/page-privee`, { headers: { Cookie: `${sessionCookieName()}=jeton` } });
    expect(privatePage.headers.get("cache-control")).toBe("private, no-cache");
    expect(privatePage.headers.get("etag")).toBeNull();
    expect(await privatePage.text()).toBe("<p>Mon espace</p>");

    const post = await fetch(`${base}/page-publique`, { method: "POST" });
    expect(post.headers.get("etag")).toBeNull();
    expect(await post.text()).toBe("posté");
  });
});

describe("weakEtag", () => {
  it("leaves the nonce out of the hash, and nothing else", () => {
    const page = (nonce: string, text = "a") => Buffer.from(`<p>${text}é</p><script nonce="${nonce}"></script>`);
    expect(weakEtag(page("AAA+/="), "AAA+/=")).toBe(weakEtag(page("BBB+/="), "BBB+/="));
    expect(weakEtag(page("AAA"), "AAA")).not.toBe(weakEtag(page("AAA", "b"), "AAA"));
    expect(weakEtag(Buffer.from("x"))).toBe(weakEtag(Buffer.from("x"), "absent"));
  });
});
