import { createHash } from "node:crypto";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { addVary, decideCaching, etagMatches, hasCookie, PRIVATE_CACHE_CONTROL } from "./http-cache";

/*
 * The one place where public pages get their HTTP caching (docs/decisions/013-public-page-caching.md).
 * Routes only declare `Cache-Control: public…` (publicPageHeaders); this middleware, placed after
 * compression in server.ts, sees every response before its headers leave:
 * - signed-in request or cookie-setting response → `private, no-store`;
 * - anonymous GET 200 → the body is held (pages are small), hashed into a weak ETag, and a matching
 *   If-None-Match gets an empty 304.
 *
 * The CSP nonce changes on every request and is written into the page's <script> tags: it is left
 * out of the hash, or no two responses would ever match. A 304 therefore carries no CSP header: the
 * browser keeps the stored one, which matches the nonce of the body it reuses (RFC 9111 updates
 * stored headers from those a 304 carries).
 */

/** `W/"…"`: SHA-256 of the body without the request's nonce, base64url, 27 characters (160 bits). */
export function weakEtag(body: Buffer, nonce?: string): string {
  const hash = createHash("sha256");
  if (nonce && body.includes(nonce)) {
    // latin1 maps every byte to one character and back: the split cannot damage the content.
    for (const part of body.toString("latin1").split(nonce)) hash.update(part, "latin1");
  } else {
    hash.update(body);
  }
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

/** The middleware; `sessionCookieName` is read per request (its name depends on the environment). */
export function publicPageCache(options: { sessionCookieName: () => string }) {
  return function publicPageCacheMiddleware(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const signedIn = hasCookie(req.get("cookie"), options.sessionCookieName());

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
      const etag = weakEtag(body, res.locals.cspNonce as string | undefined);
      res.setHeader("ETag", etag);
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
