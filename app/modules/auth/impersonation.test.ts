import { describe, expect, it } from "vitest";
import { allowedWhileImpersonating, formatParisTime, IMPERSONATION_DURATION_MS, impersonationExpiry, impersonationState } from "./impersonation";

describe("impersonation rules", () => {
  it("lasts 30 minutes, then reads as expired", () => {
    const start = new Date("2026-03-10T13:00:00Z");
    const expiresAt = impersonationExpiry(start);
    expect(IMPERSONATION_DURATION_MS).toBe(30 * 60_000);
    expect(expiresAt.toISOString()).toBe("2026-03-10T13:30:00.000Z");
    expect(impersonationState({ tenantId: "t", expiresAt }, new Date("2026-03-10T13:29:59Z"))).toBe("active");
    expect(impersonationState({ tenantId: "t", expiresAt }, expiresAt)).toBe("expired");
    expect(impersonationState({ tenantId: null, expiresAt }, start)).toBe("none");
    expect(impersonationState({ tenantId: "t", expiresAt: null }, start)).toBe("none");
  });

  it("lets reads through, and of the writes only ending the consultation and signing out", () => {
    expect(allowedWhileImpersonating("GET", "/t/ville/plan-action")).toBe(true);
    expect(allowedWhileImpersonating("head", "/t/ville")).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(allowedWhileImpersonating(method, "/t/ville/plan-action")).toBe(false);
    expect(allowedWhileImpersonating("POST", "/t/ville/plan-action.data")).toBe(false);
    expect(allowedWhileImpersonating("POST", "/admin/structures/ville/voir-comme")).toBe(false);
    expect(allowedWhileImpersonating("POST", "/connexion")).toBe(false);
    expect(allowedWhileImpersonating("POST", "/voir-comme/fin")).toBe(true);
    expect(allowedWhileImpersonating("POST", "/voir-comme/fin.data")).toBe(true);
    expect(allowedWhileImpersonating("POST", "/voir-comme/fin/")).toBe(true);
    expect(allowedWhileImpersonating("POST", "/deconnexion")).toBe(true);
    expect(allowedWhileImpersonating("POST", "/voir-comme/finale")).toBe(false);
  });

  it("shows the end time in Paris (summer and winter time)", () => {
    expect(formatParisTime(new Date("2026-01-15T13:05:00Z"))).toBe("14:05");
    expect(formatParisTime(new Date("2026-07-15T13:05:00Z"))).toBe("15:05");
  });
});
