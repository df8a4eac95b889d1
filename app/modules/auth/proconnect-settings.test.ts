import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { securityHeaderOptions } from "../observability/security-headers";
import { isMfaAcr, mfaClaimsParameter, PROCONNECT_SCOPES } from "./proconnect-acr";
import { proconnectStartSchema } from "./proconnect-schemas";

const complete = { PROCONNECT_ISSUER: "https://fca.integ01.dev-agentconnect.fr/api/v2", PROCONNECT_CLIENT_ID: "client", PROCONNECT_CLIENT_SECRET: "secret" };

describe("ProConnect settings", () => {
  it("is off without variables, on with the three, staff MFA on by default", () => {
    expect(parseEnv({}).PROCONNECT_ISSUER).toBeUndefined();
    expect(parseEnv(complete)).toMatchObject({ ...complete, PROCONNECT_STAFF_MFA: true });
    expect(parseEnv({ ...complete, PROCONNECT_STAFF_MFA: "false" }).PROCONNECT_STAFF_MFA).toBe(false);
    // Blank values (an .env template) count as unset.
    expect(parseEnv({ PROCONNECT_ISSUER: "", PROCONNECT_CLIENT_ID: " ", PROCONNECT_CLIENT_SECRET: "" }).PROCONNECT_CLIENT_ID).toBeUndefined();
  });

  it("stops with a French message when the configuration is partial or not https", () => {
    expect(() => parseEnv({ PROCONNECT_ISSUER: complete.PROCONNECT_ISSUER })).toThrowError(
      /PROCONNECT_CLIENT_ID : PROCONNECT_CLIENT_ID est requis avec PROCONNECT_ISSUER \(ProConnect\)[\s\S]*PROCONNECT_CLIENT_SECRET : PROCONNECT_CLIENT_SECRET est requis/,
    );
    expect(() => parseEnv({ ...complete, PROCONNECT_ISSUER: "http://proconnect.example/api/v2" })).toThrowError(/PROCONNECT_ISSUER doit être en https/);
    expect(() => parseEnv({ ...complete, PROCONNECT_ISSUER: "pas une url" })).toThrowError(/PROCONNECT_ISSUER doit être l'URL de l'émetteur/);
    expect(parseEnv({ ...complete, PROCONNECT_ISSUER: "http://127.0.0.1:4100/api/v2" }).PROCONNECT_ISSUER).toBe("http://127.0.0.1:4100/api/v2");
  });

  it("asks the federation's scopes, and the multi-factor acr values as essential", () => {
    expect(PROCONNECT_SCOPES.split(" ")).toEqual(["openid", "given_name", "usual_name", "email", "uid", "siret", "idp_id", "organization_label"]);
    expect(JSON.parse(mfaClaimsParameter())).toEqual({ id_token: { acr: { essential: true, values: expect.arrayContaining(["eidas2", "https://proconnect.gouv.fr/assurance/self-asserted-2fa"]) } } });
    expect(isMfaAcr("eidas1")).toBe(false);
    expect(isMfaAcr("eidas2")).toBe(true);
    expect(isMfaAcr(undefined)).toBe(false);
  });

  it("keeps the button's redirect on the portal", () => {
    expect(proconnectStartSchema.parse({ redirectTo: "/t/villeurbanne", mfa: "1" })).toEqual({ redirectTo: "/t/villeurbanne", mfa: true });
    expect(proconnectStartSchema.parse({ redirectTo: "https://evil.example/" })).toEqual({ redirectTo: "/mon-espace", mfa: false });
    expect(proconnectStartSchema.parse({ redirectTo: "//evil.example", mfa: ["x"] })).toEqual({ redirectTo: "/mon-espace", mfa: false });
  });

  it("lets forms redirect to ProConnect's origin only when it is configured (CSP form-action)", () => {
    const formAction = (identityProviderOrigin?: string) => {
      const directives = (securityHeaderOptions({ https: true, dev: false, paymentOrigin: "https://checkout.stripe.com", identityProviderOrigin }).contentSecurityPolicy as { directives: Record<string, unknown[]> }).directives;
      return directives["form-action"];
    };
    expect(formAction()).toEqual(["'self'", "https://checkout.stripe.com"]);
    expect(formAction("https://auth.agentconnect.gouv.fr")).toEqual(["'self'", "https://checkout.stripe.com", "https://auth.agentconnect.gouv.fr"]);
  });
});
