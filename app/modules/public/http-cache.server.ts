import { createHash } from "node:crypto";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { LruCache } from "~/utils/lru";
import { addVary, decideCaching, etagMatches, hasCookie, PRIVATE_CACHE_CONTROL, SERVER_COPY_HEADER, SERVER_COPY_SECONDS, wantsFreshRender } from "./http-cache";

/*
 * The one place where public pages get their HTTP caching (docs/decisions/013-public-page-caching.md).
 * Routes only declare `Cache-Control: public…` (publicPageHeaders); this middleware, placed after
 * compression in server.ts, sees every response before its headers leave:
 * - signed-in request or cookie-setting response → `private, no-store`;
 * - anonymous GET 200 → the body is held (pages are small), hashed into a weak ETag, and a matching
 *   If-None-Match gets an empty 304.
 *
 * - a page built from the database (publicDataPageHeaders) is also kept rendered for anonymous
 *   visitors for SERVER_COPY_SECONDS: the next ones get the copy without a render nor a query, as
 *   from a reverse proxy's micro-cache. A signed-in person's accepted write drops every copy; a
 *   request with `Cache-Control: no-cache` (forced reload) is rendered, and its page kept instead.
 *
 * The CSP nonce changes on every request and is written into the page's <script> tags: it is left
 * out of the hash, or no two responses would ever match. A 304 therefore carries no CSP header: the
 * browser keeps the stored one, which matches the nonce of the body it reuses (RFC 9111 updates
 * stored headers from those a 304 carries).
 */

/** The body cut where the request's nonce is (the whole body when it holds none). */
function splitOnNonce(body: Buffer, nonce: string | undefined): Buffer[] {
  if (!nonce || !body.includes(nonce)) return [body];
  // latin1 maps every byte to one character and back: the split cannot damage the content.
  return body
    .toString("latin1")
    .split(nonce)
    .map((part) => Buffer.from(part, "latin1"));
}

/** `W/"…"`: SHA-256 of the body without the request's nonce, base64url, 27 characters (160 bits). */
export function weakEtag(body: Buffer, nonce?: string): string {
  const hash = createHash("sha256");
  for (const part of splitOnNonce(body, nonce)) hash.update(part);
  return `W/"${hash.digest("base64url").slice(0, 27)}"`;
}

/** Headers a 304 must not carry: those of the body it replaces, and the CSP tied to that body's nonce. */
const BODY_HEADERS = ["Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding", "Content-Security-Policy"];

type Chunk = string | Buffer | Uint8Array;
type Callback = (error?: Error | null) => void;

function toBuffer(chunk: Chunk, encoding?: BufferEncoding): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, encoding ?? "utf8");
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Headers of a kept page that are the page's own: the others are the request's, or set again when sent. */
const NOT_KEPT = new Set(["content-length", "content-encoding", "transfer-encoding", "set-cookie", "etag", "age", "date"]);

type PageCopy = {
  keptAt: number;
  etag: string;
  headers: [string, number | string | string[]][];
  /** The body cut where the nonce of the request that rendered it was: another nonce goes in between. */
  parts: Buffer[];
};

/**
 * Rendered copies of public pages for anonymous visitors, by URL (path and query: a search is its
 * own page). Bounded in number and in size, per server instance.
 */
export class PageCopies {
  static readonly MAX_BODY_BYTES = 512 * 1024;
  readonly #copies: LruCache<string, PageCopy>;
  #generation = 0;

  constructor(
    readonly options: { capacity?: number; seconds?: number; now?: () => number } = {},
  ) {
    this.#copies = new LruCache(options.capacity ?? 256);
  }

  #now() {
    return this.options.now?.() ?? Date.now();
  }

  get size() {
    return this.#copies.size;
  }

  /** The copy of `url` while it is fresh, with its age in seconds. */
  fresh(url: string): { copy: PageCopy; age: number } | undefined {
    const copy = this.#copies.get(url);
    if (!copy) return undefined;
    const ageMs = this.#now() - copy.keptAt;
    if (ageMs >= (this.options.seconds ?? SERVER_COPY_SECONDS) * 1000) return undefined;
    return { copy, age: Math.floor(ageMs / 1000) };
  }

  /** Changes with every clear(): a page rendered while a write went through is not kept. */
  get generation() {
    return this.#generation;
  }

  keep(url: string, page: { generation: number; body: Buffer; nonce: string | undefined; etag: string; headers: PageCopy["headers"] }) {
    if (page.generation !== this.#generation || page.body.length > PageCopies.MAX_BODY_BYTES) return;
    this.#copies.set(url, { keptAt: this.#now(), etag: page.etag, headers: page.headers, parts: splitOnNonce(page.body, page.nonce) });
  }

  clear() {
    this.#generation += 1;
    this.#copies.clear();
  }
}

/** The copy's body with this request's nonce where the original one was. */
function bodyWithNonce(copy: PageCopy, nonce: string | undefined): Buffer {
  if (copy.parts.length === 1) return copy.parts[0]!;
  const between = Buffer.from(nonce ?? "", "latin1");
  return Buffer.concat(copy.parts.flatMap((part, index) => (index === 0 ? [part] : [between, part])));
}

/**
 * The middleware; `sessionCookieName` is read per request (its name depends on the environment).
 * Without `copies`, no page is kept.
 */
export function publicPageCache(options: {
  sessionCookieName: () => string;
  copies?: PageCopies;
  /** Who the request turned out to be once the route ran (its session validated), if anyone. */
  userIdOf?: (res: ExpressResponse) => string | undefined;
}) {
  const { copies } = options;
  return function publicPageCacheMiddleware(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    const signedIn = hasCookie(req.get("cookie"), options.sessionCookieName());
    if (req.method !== "GET" && req.method !== "HEAD") {
      // What public pages show (laureates, practices, key figures, editions, a structure's consent)
      // is written by signed-in people: no copy outlives such a write that went through. Anonymous
      // writes (sign-in, sign-up, subscriptions, payment webhooks — the bulk of a publication day),
      // refused ones and forged cookies leave them. `close` also comes when the client left early.
      if (copies && signedIn) {
        res.once("close", () => {
          if (res.statusCode < 400 && options.userIdOf?.(res)) copies.clear();
        });
      }
      return next();
    }
    const nonce = res.locals.cspNonce as string | undefined;

    // A forced reload gets a page rendered now, which then replaces the copy.
    if (copies && req.method === "GET" && !signedIn && !wantsFreshRender(req.get("cache-control"))) {
      const kept = copies.fresh(req.originalUrl);
      if (kept) {
        for (const [name, value] of kept.copy.headers) res.setHeader(name, value);
        res.setHeader("ETag", kept.copy.etag);
        res.setHeader("Age", String(kept.age));
        if (etagMatches(req.get("if-none-match"), kept.copy.etag)) {
          res.statusCode = 304;
          for (const header of BODY_HEADERS) res.removeHeader(header);
          res.end();
          return;
        }
        const body = bodyWithNonce(kept.copy, nonce);
        res.statusCode = 200;
        res.setHeader("Content-Length", body.length);
        res.end(body);
        return;
      }
    }
    const ownHeadersBefore = new Set(res.getHeaderNames());
    const generation = copies?.generation ?? 0;
    let keep = false;

    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ExpressResponse;
    let decision: ReturnType<typeof decideCaching> | undefined;
    const held: Buffer[] = [];

    /** Decided once, at the first write, when the route's headers are all set and none is sent. */
    const decide = () => {
      if (decision !== undefined) return decision;
      decision = res.headersSent
        ? "untouched"
        : decideCaching({
            method: req.method,
            status: res.statusCode,
            cacheControl: String(res.getHeader("Cache-Control") ?? ""),
            signedIn,
            setsCookie: res.getHeader("Set-Cookie") !== undefined,
          });
      if (decision === "private") {
        res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
        res.removeHeader("ETag");
      }
      if (decision === "private" || decision === "public" || decision === "public-etag") {
        res.setHeader("Vary", addVary(res.getHeader("Vary") as string | undefined, "Cookie"));
      }
      keep = copies !== undefined && decision === "public-etag" && res.getHeader(SERVER_COPY_HEADER) !== undefined;
      res.removeHeader(SERVER_COPY_HEADER);
      return decision;
    };

    // write/end take (chunk?, encoding?, callback?), each part optional.
    const split = (args: unknown[]) => {
      const callback = args.find((arg): arg is Callback => typeof arg === "function");
      const encoding = typeof args[1] === "string" ? (args[1] as BufferEncoding) : undefined;
      const chunk = typeof args[0] === "function" ? undefined : (args[0] as Chunk | undefined | null);
      return { chunk, encoding, callback };
    };

    res.write = function heldWrite(...args: unknown[]) {
      if (decide() !== "public-etag") return write(...args);
      const { chunk, encoding, callback } = split(args);
      if (chunk != null) held.push(toBuffer(chunk, encoding));
      if (callback) process.nextTick(callback);
      return true;
    } as ExpressResponse["write"];

    res.end = function heldEnd(...args: unknown[]) {
      if (decide() !== "public-etag") return end(...args);
      const { chunk, encoding, callback } = split(args);
      if (chunk != null) held.push(toBuffer(chunk, encoding));
      const body = Buffer.concat(held);
      const etag = weakEtag(body, nonce);
      res.setHeader("ETag", etag);
      if (keep && copies) {
        const headers = res
          .getHeaderNames()
          .filter((name) => (!ownHeadersBefore.has(name) || name === "vary") && !NOT_KEPT.has(name))
          .map((name): PageCopy["headers"][number] => [name, res.getHeader(name)!]);
        copies.keep(req.originalUrl, { generation, body, nonce, etag, headers });
      }
      if (etagMatches(req.get("if-none-match"), etag)) {
        res.statusCode = 304;
        for (const header of BODY_HEADERS) res.removeHeader(header);
        return callback ? end(callback) : end();
      }
      res.setHeader("Content-Length", body.length);
      return callback ? end(body, callback) : end(body);
    } as ExpressResponse["end"];

    next();
  };
}
