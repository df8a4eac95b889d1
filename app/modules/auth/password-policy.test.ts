import { describe, expect, it } from "vitest";
import { passwordWeakness } from "./password-policy";
import { safeRedirect } from "./schemas";

describe("password policy", () => {
  it("asks for 12 characters at least", () => {
    expect(passwordWeakness("court-11car")).toMatch(/au moins 12 caractères/);
    expect(passwordWeakness("Une phrase de passe solide")).toBeNull();
  });
  it("refuses common passwords whatever their case", () => {
    expect(passwordWeakness("AzertyUiop123")).toMatch(/trop courant/);
    expect(passwordWeakness("motdepasse2027")).toMatch(/trop courant/);
  });
  it("refuses repetitive passwords and ones that reuse the e-mail", () => {
    expect(passwordWeakness("abababababab")).toMatch(/répétitif/);
    expect(passwordWeakness("qualite-villeurbanne-2027", "qualite@villeurbanne.example")).toMatch(/adresse e-mail/);
  });
});

describe("redirect after login", () => {
  it("keeps local paths and refuses other sites", () => {
    expect(safeRedirect("/t/villeurbanne")).toBe("/t/villeurbanne");
    expect(safeRedirect("//evil.example")).toBe("/mon-espace");
    expect(safeRedirect("https://evil.example")).toBe("/mon-espace");
    expect(safeRedirect("/\\evil.example")).toBe("/mon-espace");
    expect(safeRedirect(undefined)).toBe("/mon-espace");
  });
});
