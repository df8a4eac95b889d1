/**
 * Cross-site request check for every mutation (OWASP's "verify origin with standard headers").
 * A browser always sends Origin on a POST and Sec-Fetch-Site on modern engines: either one
 * naming another site means the request was forged by another page. Stripe's webhooks
 * carry no browser headers and are verified by signature instead.
 */
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
  const allowed = new Set([new URL(input.appUrl).origin]);
  if (input.host) allowed.add(`${input.protocol}://${input.host}`);
  if (input.origin !== undefined) {
    if (input.origin === "null" || !allowed.has(input.origin)) return true;
  }
  if (input.secFetchSite !== undefined && !["same-origin", "none"].includes(input.secFetchSite)) return true;
  return false;
}
