/**
 * Cross-site request check for every mutation (OWASP's "verify origin with standard headers").
 * A browser always sends Origin on a POST and Sec-Fetch-Site on modern engines: either one
 * naming another site means the request was forged by another page. Stripe's webhooks
 * carry no browser headers and are verified by signature instead. The digest's one-click
 * unsubscribe (RFC 8058) is POSTed by mail providers from their own origin: it is exempt, on that
 * exact path only; it acts only for the holder of the unguessable token in its URL.
 */
export const ONE_CLICK_UNSUBSCRIBE_PATH = "/bonnes-pratiques/desabonnement";

export function isCrossSiteRequest(input: {
  method: string;
  path: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  host: string | undefined;
  protocol: string;
  appUrl: string;
}): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(input.method.toUpperCase())) return false;
  if (input.path.startsWith("/webhooks/")) return false;
  if (input.path === ONE_CLICK_UNSUBSCRIBE_PATH) return false;
  const allowed = new Set([new URL(input.appUrl).origin]);
  if (input.host) allowed.add(`${input.protocol}://${input.host}`);
  if (input.origin !== undefined) {
    if (input.origin === "null" || !allowed.has(input.origin)) return true;
  }
  if (input.secFetchSite !== undefined && !["same-origin", "none"].includes(input.secFetchSite)) return true;
  return false;
}
