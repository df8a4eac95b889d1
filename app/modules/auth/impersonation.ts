/**
 * "Voir comme": an AFNOR admin reads one structure's space as a viewer would, read-only and for a
 * limited time. The rules here are pure; the session columns and the audit log are handled by
 * impersonation.server.ts.
 */

/** How long a consultation lasts; it is never extended, the admin starts a new one. */
export const IMPERSONATION_DURATION_MINUTES = 30;
export const IMPERSONATION_DURATION_MS = IMPERSONATION_DURATION_MINUTES * 60_000;

/** The only request that ends a consultation (besides signing out). */
export const IMPERSONATION_END_PATH = "/voir-comme/fin";
const LOGOUT_PATH = "/deconnexion";

export const IMPERSONATION_READ_ONLY_MESSAGE = "Mode « voir comme » : lecture seule. Terminez la consultation pour agir.";

/** Why a consultation ended, as written in the audit log. */
export type ImpersonationEndReason = "manuel" | "expiré" | "droits retirés";

export type ImpersonationColumns = { tenantId: string | null; expiresAt: Date | null };

export function impersonationState(columns: ImpersonationColumns, now: Date): "none" | "active" | "expired" {
  if (!columns.tenantId || !columns.expiresAt) return "none";
  return columns.expiresAt.getTime() > now.getTime() ? "active" : "expired";
}

export function impersonationExpiry(startedAt: Date): Date {
  return new Date(startedAt.getTime() + IMPERSONATION_DURATION_MS);
}

/**
 * Whether an impersonating session may send this request: reading always, writing only to end the
 * consultation or sign out. A Remix data request for a route ends in ".data" (single fetch).
 */
export function allowedWhileImpersonating(method: string, path: string): boolean {
  if (["GET", "HEAD"].includes(method.toUpperCase())) return true;
  const route = path.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  return route === IMPERSONATION_END_PATH || route === LOGOUT_PATH;
}

const parisTime = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

/** "14:05", in Europe/Paris. */
export function formatParisTime(value: Date | string) {
  return parisTime.format(new Date(value));
}
