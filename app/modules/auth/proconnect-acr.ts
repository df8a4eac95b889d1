/**
 * ProConnect's authentication levels (`acr`). `eidas1` is a password alone; the others prove a
 * second factor. Staff accounts must present one of the latter (PROCONNECT_STAFF_MFA).
 */
export const MFA_ACR_VALUES = [
  "eidas2",
  "eidas3",
  "https://proconnect.gouv.fr/assurance/self-asserted-2fa",
  "https://proconnect.gouv.fr/assurance/consistency-checked-2fa",
] as const;

export function isMfaAcr(acr: unknown): boolean {
  return typeof acr === "string" && (MFA_ACR_VALUES as readonly string[]).includes(acr);
}

/** The `claims` request parameter asking for a multi-factor `acr` in the ID token. */
export function mfaClaimsParameter(): string {
  return JSON.stringify({ id_token: { acr: { essential: true, values: MFA_ACR_VALUES } } });
}

/** The scopes ProConnect is asked for: the always-sent claims plus the computed ones. */
export const PROCONNECT_SCOPES = "openid given_name usual_name email uid siret idp_id organization_label";
