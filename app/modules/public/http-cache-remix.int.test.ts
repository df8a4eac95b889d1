import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as entryServer from "../../entry.server";
import * as rootRoute from "../../root";
import * as homeRoute from "../../routes/_index";
import * as accountRoute from "../../routes/compte._index";
import { createSession, sessionCookieName } from "../auth/session.server";
import { PUBLIC_PAGE_CACHE_CONTROL, SERVER_COPY_HEADER } from "./http-cache";
import { PageCopies, publicPageCache } from "./http-cache.server";

/*
 * The whole chain of server.ts for real: per-request CSP nonce, compression, the caching
 * middleware, then the Remix adapter rendering the real root layout (header with the signed-in
 * person's name) and the real home page, documents and single-fetch data requests alike, with
 * the rendered copies server.ts keeps.
 */

useTestDatabase();

const route = (id: string, module: object, extra: { parentId?: string; path?: string; index?: boolean }) => ({ id, module, ...extra });
const assetRoute = (id: string, extra: { parentId?: string; path?: string; index?: boolean }) => ({
  id,
  ...extra,
  hasAction: false,
  hasLoader: true,
  hasClientAction: false,
  hasClientLoader: false,
  hasErrorBoundary: id === "root",
  module: `/assets/${id.replace("/", "-")}.js`,
  imports: [],
  css: [],
});

const build = {
  mode: "production",
  entry: { module: entryServer },
  routes: {
    root: route("root", rootRoute, { path: "" }),
    "routes/_index": route("routes/_index", homeRoute, { parentId: "root", index: true }),
    "routes/compte._index": route("routes/compte._index", accountRoute, { parentId: "root", path: "compte", index: true }),
  },
  assets: {
    entry: { module: "/assets/entry.client.js", imports: [] },
    routes: {
      root: assetRoute("root", { path: "" }),
      "routes/_index": assetRoute("routes/_index", { parentId: "root", index: true }),
      "routes/compte._index": assetRoute("routes/compte._index", { parentId: "root", path: "compte", index: true }),
    },
    url: "/assets/manifest.js",
    version: "test",
  },
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true },
  isSpaMode: false,
} as unknown as ServerBuild;

let server: Server;
let base = "";
let cookie = "";
let counter = 0;
const copies = new PageCopies();

beforeAll(async () => {
  const user = await makeUser({ email: "lecture@cache.example", name: "Camille Privée" });
  cookie = `${sessionCookieName()}=${(await createSession(user.id, { userAgent: null, ipAddress: null })).token}`;

  const app = express();
  app.use((_req, res, next) => {
    counter += 1;
    res.locals.cspNonce = Buffer.from(`nonce-de-test-${counter}`).toString("base64");
    res.setHeader("Content-Security-Policy", `script-src 'self' 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(compression());
  app.use(publicPageCache({ sessionCookieName, copies }));
  app.all("*", createRequestHandler({ build, mode: "production", getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }) }));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the home page through Express and Remix", () => {
  it("is public for an anonymous visitor, with a stable ETag and a 304 on revalidation", async () => {
    const first = await fetch(`${base}/`, { headers: { "Accept-Encoding": "gzip" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(first.headers.get("vary")).toMatch(/Cookie/);
    const html = await first.text();
    expect(html).toContain("Baromètre Expérience Citoyen");
    expect(html).toContain(`nonce="${Buffer.from(`nonce-de-test-${counter}`).toString("base64")}"`);
    expect(html).toContain("Se connecter");
    expect(html).not.toContain("Camille Privée");

    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\//);
    // Rendered again (a forced reload skips the kept copy): two renders, one ETag.
    const second = await fetch(`${base}/`, { headers: { "Cache-Control": "no-cache" } });
    expect(second.headers.get("age")).toBeNull();
    expect(second.headers.get("etag")).toBe(etag);
    await second.text();

    const revalidated = await fetch(`${base}/`, { headers: { "If-None-Match": etag!, "Cache-Control": "no-cache" } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("age")).toBeNull();
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
    expect(await revalidated.text()).toBe("");
  });

  it("is private, no-store for a signed-in person, whose name is in the header", async () => {
    const etag = (await fetch(`${base}/`)).headers.get("etag")!;
    const response = await fetch(`${base}/`, { headers: { Cookie: cookie, "If-None-Match": etag } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("etag")).toBeNull();
    expect(await response.text()).toContain("Camille Privée");
  });

  it("gets the same treatment for single-fetch data requests", async () => {
    const anonymous = await fetch(`${base}/_root.data`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(anonymous.headers.get("etag")).toMatch(/^W\//);
    const signedIn = await fetch(`${base}/_root.data`, { headers: { Cookie: cookie } });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect(await signedIn.text()).toContain("Camille Privée");
  });

  it("is served from the kept copy to the next anonymous visitors, with their own nonce, never to a signed-in one", async () => {
    copies.clear();
    const first = await fetch(`${base}/`);
    expect(first.headers.get("age")).toBeNull();
    expect(first.headers.get(SERVER_COPY_HEADER)).toBeNull();
    const firstNonce = Buffer.from(`nonce-de-test-${counter}`).toString("base64");
    const firstHtml = await first.text();

    const signedIn = await fetch(`${base}/`, { headers: { Cookie: cookie } });
    expect(signedIn.headers.get("age")).toBeNull();
    expect(await signedIn.text()).toContain("Camille Privée");

    const second = await fetch(`${base}/`);
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect(second.headers.get(SERVER_COPY_HEADER)).toBeNull();
    expect(second.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    const nonce = Buffer.from(`nonce-de-test-${counter}`).toString("base64");
    expect(second.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
    const html = await second.text();
    expect(html).not.toContain("Camille Privée");
    expect(html).not.toContain(firstNonce);
    expect(html).toBe(firstHtml.replaceAll(firstNonce, nonce));

    // The data request of a client-side navigation is a page of its own.
    await (await fetch(`${base}/_root.data`)).text();
    const data = await fetch(`${base}/_root.data`);
    expect(data.headers.get("age")).toMatch(/^\d+$/);
    expect(data.headers.get("content-type")).toMatch(/text\/x-script/);
    expect(await data.text()).not.toContain("Camille Privée");
  });

  it("leaves a page without public caching alone", async () => {
    const response = await fetch(`${base}/compte`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control") ?? "").not.toMatch(/public/);
    expect(response.headers.get("etag")).toBeNull();
  });
});
