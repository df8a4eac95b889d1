import type { ServerResponse } from "node:http";
import type { HelmetOptions } from "helmet";

/**
 * The security headers of every response (helmet's options), as a pure function of the
 * configuration so that they can be tested without starting the server:
 * - a CSP with a per-request nonce for scripts (never 'unsafe-inline'), no plugins, no <base>,
 *   no framing by any site;
 * - HSTS for two years, subdomains included, when the portal is served over https (APP_URL):
 *   never on plain http, where a browser would ignore it and a local run would pin localhost;
 * - a Referrer-Policy that never sends a path (and its query string) to another site.
 */
export const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

export type SecurityHeadersConfig = {
  /** APP_URL is https (env.secureCookies). */
  https: boolean;
  /** The Vite development server: its client needs eval, inline styles and a WebSocket. */
  dev: boolean;
  /** The payment page's origin, where the checkout form redirects. */
  paymentOrigin: string;
  /** ProConnect's origin (PROCONNECT_ISSUER), where the sign-in button and the logout redirect. */
  identityProviderOrigin?: string;
};

/** The request's nonce, set on `res.locals` by the request-context middleware. */
function nonceOf(res: ServerResponse) {
  return (res as ServerResponse & { locals?: { cspNonce?: string } }).locals?.cspNonce ?? "";
}

export function securityHeaderOptions(config: SecurityHeadersConfig): Readonly<HelmetOptions> {
  const { https, dev, paymentOrigin, identityProviderOrigin } = config;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${nonceOf(res)}'`, ...(dev ? ["'unsafe-eval'"] : [])],
        "style-src": ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", ...(dev ? ["ws:"] : [])],
        // Chrome applies form-action to the redirect that follows a form: allow the payment page
        // and ProConnect (its sign-in button and the logout are forms answered by a redirect there).
        "form-action": ["'self'", paymentOrigin, ...(identityProviderOrigin ? [identityProviderOrigin] : [])],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  };
}

/** A Content-Security-Policy header read back as its directives (name → values), for the tests that check it. */
export function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}
