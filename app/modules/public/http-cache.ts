/**
 * HTTP caching of public pages: pure rules, unit-tested, applied to every response by one Express
 * middleware (http-cache.server.ts). See docs/decisions/013-public-page-caching.md.
 *
 * A route opts in with `export const headers = publicPageHeaders`. The middleware then
 * - keeps `public` caching only for anonymous visitors: a request carrying the session cookie
 *   (the page may show the person's name, structures, back-office link) or a response setting a
 *   cookie becomes `private, no-store`;
 * - adds a weak ETag computed from the body and answers 304 to a matching If-None-Match;
 * - adds `Vary: Cookie`, so a browser that kept the anonymous copy asks again once signed in.
 */

/** One minute fresh, then served stale for ten minutes while a cache fetches the new version. */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
export const PRIVATE_CACHE_CONTROL = "private, no-store";

/**
 * The `headers` export of public pages. A thrown error (404 of a scheduled practice, 500) keeps
 * Remix's error headers and is never cached publicly: the page may exist a minute later.
 */
export function publicPageHeaders({ errorHeaders }: { errorHeaders?: Headers | undefined }): HeadersInit {
  if (errorHeaders) return errorHeaders;
  return { "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL };
}

/**
 * Response header by which a public page built from the database asks the server to keep its
 * rendered copy for anonymous visitors (http-cache.server.ts reads and removes it: never sent).
 */
export const SERVER_COPY_HEADER = "X-Server-Copy";

/**
 * How long the server serves a kept copy: short beside the minute browsers may keep the page
 * anyway (max-age=60), and a signed-in person's write through the same server drops every copy.
 */
export const SERVER_COPY_SECONDS = 10;

/**
 * The `headers` export of public pages whose content comes from the database (home, key figures,
 * laureates, good practices…): `publicPageHeaders`, plus the request to keep the rendered copy.
 * Static pages (legal notice…) keep `publicPageHeaders`: they read nothing worth keeping.
 */
export function publicDataPageHeaders({ errorHeaders }: { errorHeaders?: Headers | undefined }): HeadersInit {
  if (errorHeaders) return errorHeaders;
  return { "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL, [SERVER_COPY_HEADER]: "1" };
}

/**
 * True when the request asks for a page rendered now (`Cache-Control: no-cache`, as a browser's
 * forced reload sends): a kept copy must not answer it (RFC 9111 §5.2.1.4).
 */
export function wantsFreshRender(requestCacheControl: string | undefined | null): boolean {
  if (!requestCacheControl) return false;
  return requestCacheControl.split(",").some((directive) => directive.trim().toLowerCase() === "no-cache");
}

/** True when Cache-Control has the `public` directive (`Public, max-age=…` included). */
export function isPublicCacheControl(value: string | undefined | null): boolean {
  if (!value) return false;
  return value.split(",").some((directive) => directive.trim().toLowerCase() === "public");
}

/** True when the Cookie header holds a non-empty cookie named `name`. */
export function hasCookie(cookieHeader: string | undefined | null, name: string): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => {
    const index = part.indexOf("=");
    if (index < 0) return false;
    return part.slice(0, index).trim() === name && part.slice(index + 1).trim() !== "";
  });
}

export type CacheDecision =
  /** Not a public page: headers untouched. */
  | "untouched"
  /** A public page for a signed-in person, setting a cookie, or failing (5xx): `private, no-store`. */
  | "private"
  /** Public and cacheable, without validator (HEAD, or not a 200). */
  | "public"
  /** Public, cacheable, with a weak ETag from the body and 304 when it matches. */
  | "public-etag";

/** What to do with a response, from the request and the headers the route set. */
export function decideCaching(input: {
  method: string;
  status: number;
  cacheControl: string | undefined | null;
  signedIn: boolean;
  setsCookie: boolean;
}): CacheDecision {
  const method = input.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD") return "untouched";
  if (!isPublicCacheControl(input.cacheControl)) return "untouched";
  // A server error may be gone in a second: never keep it, even privately.
  if (input.signedIn || input.setsCookie || input.status >= 500) return "private";
  // A HEAD has no body to hash; only a 200 is worth a validator.
  if (method === "GET" && input.status === 200) return "public-etag";
  return "public";
}

/**
 * If-None-Match against our (weak) ETag, with the weak comparison RFC 9110 prescribes for it:
 * `*` matches, `W/` prefixes are ignored, the header may list several tags.
 */
export function etagMatches(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const ours = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === ours);
}

/** Appends `value` to a Vary header unless it is there already (or Vary is `*`). */
export function addVary(current: string | undefined | null, value: string): string {
  const parts = (current ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.includes("*") || parts.some((part) => part.toLowerCase() === value.toLowerCase())) return parts.join(", ");
  return [...parts, value].join(", ");
}
