import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import compression from "compression";
import express, { type Response as ExpressResponse } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieName } from "../auth/session.server";
import { PUBLIC_PAGE_CACHE_CONTROL, SERVER_COPY_HEADER, SERVER_COPY_SECONDS } from "./http-cache";
import { PageCopies, publicPageCache, weakEtag } from "./http-cache.server";

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

/** As server.ts does first: a nonce per request, in the CSP header, and a request id. */
function perRequestHeaders(_req: unknown, res: ExpressResponse, next: () => void) {
  nonceCounter += 1;
  res.locals.cspNonce = `nonce${nonceCounter}xyz`;
  res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
  res.setHeader("X-Request-Id", `requete-${nonceCounter}`);
  next();
}

beforeAll(async () => {
  const app = express();
  app.use(perRequestHeaders);
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

describe("pages built from the database, kept rendered for anonymous visitors", () => {
  /*
   * A second app, with kept copies and a clock the test moves: each route counts its renders, so
   * a copy served is a request the route never saw.
   */
  let copiesServer: Server;
  let url = "";
  let clock = 0;
  let version = 1;
  const renders = { laureats: 0, mentions: 0, cookie: 0, absent: 0 };
  const copies = new PageCopies({ now: () => clock });
  const signedInCookie = { Cookie: `${sessionCookieName()}=jeton.secret` };
  let openSlowGate = () => {};
  const slowGate = new Promise<void>((resolve) => (openSlowGate = resolve));

  beforeAll(async () => {
    const app = express();
    app.use(perRequestHeaders);
    app.use(compression());
    // As the session guard annotates the request once it has validated the cookie.
    app.use(publicPageCache({ sessionCookieName, copies, userIdOf: (res) => res.locals.userId as string | undefined }));
    app.get("/laureats", (req, res) => {
      renders.laureats += 1;
      res.status(200);
      res.append("Content-Type", "text/html; charset=utf-8");
      res.append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
      res.append(SERVER_COPY_HEADER, "1");
      res.append("Link", "</assets/app.css>; rel=preload; as=style");
      const nonce = res.locals.cspNonce as string;
      void stream(res, [`<h1>Lauréats v${version} ${String(req.query.q ?? "")}</h1>`, "é".repeat(3000), `<script nonce="${nonce}">1</script><script nonce="${nonce}">2</script>`]);
    });
    app.get("/mentions", (_req, res) => {
      renders.mentions += 1;
      res.append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
      res.end(`mentions ${renders.mentions}`);
    });
    app.get("/cookie", (_req, res) => {
      renders.cookie += 1;
      res.append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL).append(SERVER_COPY_HEADER, "1").append("Set-Cookie", "flux=1; Path=/");
      res.end("cookie");
    });
    app.get("/absent", (_req, res) => {
      renders.absent += 1;
      res.status(404).append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL).append(SERVER_COPY_HEADER, "1");
      res.end("introuvable");
    });
    app.get("/lent", (_req, res) => {
      res.append("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL).append(SERVER_COPY_HEADER, "1");
      const read = `lent v${version}`;
      void slowGate.then(() => res.end(read));
    });
    app.post("/admin/laureats", (req, res) => {
      if (req.get("cookie") !== signedInCookie.Cookie) {
        res.status(303).setHeader("Location", "/connexion");
        res.end();
        return;
      }
      res.locals.userId = "utilisatrice";
      if (req.query.refus === "1") {
        res.status(400).end("refusé");
        return;
      }
      version += 1;
      res.status(303).setHeader("Location", "/admin/laureats");
      res.end();
    });
    copiesServer = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => copiesServer.once("listening", resolve));
    url = `http://127.0.0.1:${(copiesServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => copiesServer.close(resolve));
  });

  it("serve the copy without rendering again, with the request's own nonce in the body and the CSP", async () => {
    const first = await fetch(`${url}/laureats`);
    const firstHtml = await first.text();
    expect(renders.laureats).toBe(1);
    expect(first.headers.get(SERVER_COPY_HEADER)).toBeNull();

    clock += 4_500;
    const second = await fetch(`${url}/laureats`, { headers: { "Accept-Encoding": "gzip" } });
    const html = await second.text();
    expect(renders.laureats).toBe(1);
    expect(second.status).toBe(200);
    expect(second.headers.get(SERVER_COPY_HEADER)).toBeNull();
    expect(second.headers.get("content-encoding")).toBe("gzip");
    expect(second.headers.get("age")).toBe("4");
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.headers.get("link")).toBe("</assets/app.css>; rel=preload; as=style");
    expect(second.headers.get("vary")).toMatch(/Cookie/);
    // The request's own headers, not the first one's.
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    const nonce = /'nonce-([^']+)'/.exec(second.headers.get("content-security-policy")!)![1]!;
    const firstNonce = /'nonce-([^']+)'/.exec(first.headers.get("content-security-policy")!)![1]!;
    expect(nonce).not.toBe(firstNonce);
    expect(html).toBe(firstHtml.replaceAll(firstNonce, nonce));
    expect(html).toContain(`<script nonce="${nonce}">1</script><script nonce="${nonce}">2</script>`);
    expect(html).toContain("é".repeat(3000));
  });

  it("answer 304 from the copy to a matching If-None-Match", async () => {
    const before = renders.laureats;
    const etag = (await fetch(`${url}/laureats`)).headers.get("etag")!;
    // A browser revalidating its copy on reload; without a Cache-Control of its own, fetch() would
    // add `no-cache` to a conditional request (Fetch standard, HTTP-network-or-cache fetch).
    const revalidated = await fetch(`${url}/laureats`, { headers: { "If-None-Match": etag, "Cache-Control": "max-age=0" } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("age")).toMatch(/^\d+$/);
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
    expect(await revalidated.text()).toBe("");
    expect(renders.laureats).toBe(before);
  });

  it("render anew for a forced reload (Cache-Control: no-cache), whose page becomes the copy", async () => {
    await fetch(`${url}/laureats?q=rechargement`);
    const before = renders.laureats;
    version += 10;
    expect(await (await fetch(`${url}/laureats?q=rechargement`)).text()).toContain(`Lauréats v${version - 10} `);
    const reloaded = await fetch(`${url}/laureats?q=rechargement`, { headers: { "Cache-Control": "no-cache" } });
    expect(reloaded.headers.get("age")).toBeNull();
    expect(await reloaded.text()).toContain(`Lauréats v${version} `);
    expect(await (await fetch(`${url}/laureats?q=rechargement`)).text()).toContain(`Lauréats v${version} `);
    expect(renders.laureats).toBe(before + 1);
    version -= 10;
  });

  it("keep one copy per query string", async () => {
    const before = renders.laureats;
    expect(await (await fetch(`${url}/laureats?q=accueil`)).text()).toContain("Lauréats v1 accueil");
    expect(await (await fetch(`${url}/laureats?q=courrier`)).text()).toContain("Lauréats v1 courrier");
    expect(await (await fetch(`${url}/laureats?q=accueil`)).text()).toContain("Lauréats v1 accueil");
    expect(renders.laureats).toBe(before + 2);
  });

  it("never serve a copy to a signed-in visitor, nor keep what they were shown", async () => {
    const before = renders.laureats;
    const signedIn = await fetch(`${url}/laureats`, { headers: signedInCookie });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.headers.get(SERVER_COPY_HEADER)).toBeNull();
    expect(signedIn.headers.get("age")).toBeNull();
    expect(renders.laureats).toBe(before + 1);
    await fetch(`${url}/laureats?q=connecte`, { headers: { Cookie: `${sessionCookieName()}=jeton.secret` } });
    await fetch(`${url}/laureats?q=connecte`);
    expect(renders.laureats).toBe(before + 3);
  });

  it("keep nothing for a page that did not ask, that sets a cookie, that is not a 200, or a HEAD", async () => {
    for (let i = 0; i < 2; i += 1) {
      await (await fetch(`${url}/mentions`)).text();
      const cookie = await fetch(`${url}/cookie`);
      expect(cookie.headers.get("set-cookie")).toBe("flux=1; Path=/");
      expect(cookie.headers.get(SERVER_COPY_HEADER)).toBeNull();
      const absent = await fetch(`${url}/absent`);
      expect(absent.status).toBe(404);
      expect(absent.headers.get(SERVER_COPY_HEADER)).toBeNull();
    }
    expect(renders).toMatchObject({ mentions: 2, cookie: 2, absent: 2 });
    const head = await fetch(`${url}/laureats?q=tete`, { method: "HEAD" });
    expect(head.headers.get(SERVER_COPY_HEADER)).toBeNull();
    expect(copies.fresh("/laureats?q=tete")).toBeUndefined();
  });

  it("drop every copy after a signed-in person's write, and each copy after SERVER_COPY_SECONDS", async () => {
    await fetch(`${url}/laureats`);
    const before = renders.laureats;
    // An anonymous write (sign-in, subscription, webhook), a forged session cookie and a refused
    // write leave the copies.
    const kept = copies.size;
    expect(kept).toBeGreaterThan(0);
    await fetch(`${url}/admin/laureats`, { method: "POST", redirect: "manual" });
    await fetch(`${url}/admin/laureats`, { method: "POST", redirect: "manual", headers: { Cookie: `${sessionCookieName()}=forge` } });
    await fetch(`${url}/admin/laureats?refus=1`, { method: "POST", redirect: "manual", headers: signedInCookie });
    expect(copies.size).toBe(kept);
    const write = await fetch(`${url}/admin/laureats`, { method: "POST", redirect: "manual", headers: signedInCookie });
    expect(write.status).toBe(303);
    expect(copies.size).toBe(0);
    expect(await (await fetch(`${url}/laureats`)).text()).toContain("Lauréats v2");
    expect(renders.laureats).toBe(before + 1);

    clock += SERVER_COPY_SECONDS * 1000 - 1;
    await fetch(`${url}/laureats`);
    expect(renders.laureats).toBe(before + 1);
    clock += 1;
    await fetch(`${url}/laureats`);
    expect(renders.laureats).toBe(before + 2);
  });

  it("do not keep a page read before a write and sent after it", async () => {
    const slow = fetch(`${url}/lent`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fetch(`${url}/admin/laureats`, { method: "POST", redirect: "manual", headers: signedInCookie });
    openSlowGate();
    expect(await (await slow).text()).toBe("lent v2");
    expect(copies.fresh("/lent")).toBeUndefined();
    expect(copies.size).toBe(0);
  });
});
