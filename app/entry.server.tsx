import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { databaseWasUnavailable, isDatabaseUnavailable, logDatabaseUnavailable, markDatabaseUnavailable, unavailableDocument } from "./modules/observability/database-unavailable.server";

export const streamTimeout = 5_000;

/** A database outage marks the request (answered 503, see database-unavailable.server.ts); other errors are logged as before. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isDatabaseUnavailable(error)) {
    markDatabaseUnavailable();
    logDatabaseUnavailable(error);
    return;
  }
  console.error(error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (responseStatusCode >= 500 && databaseWasUnavailable()) return Promise.resolve(unavailableDocument());
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Aborts a render still running after the stream timeout; cleared once everything is rendered,
    // so a finished request is not kept in memory (and aborted again) until the timer fires.
    let abortRender = () => {};
    const timer = setTimeout(() => abortRender(), streamTimeout + 1000);
    const respond = () => {
      shellRendered = true;
      const body = coalescedBody();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          clearTimeout(timer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    abortRender = abort;
  });
}

/**
 * React writes the document in many small chunks (2 KiB views, one per script of loader data),
 * and every chunk then costs a web-stream hop and a zlib call of its own in the compression
 * middleware. No page streams a deferred value, so the chunks are gathered and passed on in
 * blocks of at least 64 KiB (or at the end): same bytes, a few writes per response.
 */
const COALESCE_BYTES = 64 * 1024;
function coalescedBody() {
  let pending: Buffer[] = [];
  let size = 0;
  const drain = (stream: Transform) => {
    if (size === 0) return;
    stream.push(pending.length === 1 ? pending[0] : Buffer.concat(pending, size));
    pending = [];
    size = 0;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= COALESCE_BYTES) drain(this);
      callback();
    },
    flush(callback) {
      drain(this);
      callback();
    },
  });
}
