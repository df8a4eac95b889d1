import { describe, expect, it } from "vitest";
import { barometerCategories } from "../tenancy/categories";
import { jsonLdText } from "~/utils/json-ld";
import {
  categoryLabel,
  categoryRank,
  groupByCategory,
  isValidLaureateSlug,
  laureatePath,
  mentionLabel,
  mentionLabels,
  parseLaureateYear,
  proposeLaureateSlug,
} from "./laureates";
import { laureateSchema, showcaseConsentSchema, slugOf } from "./laureate-schema";

describe("labels", () => {
  it("names the three mentions in French", () => {
    expect(mentionLabels).toEqual({
      numerique: "Mention numérique",
      participation_citoyenne: "Mention participation citoyenne",
      competence_accueil: "Mention compétence accueil",
    });
    expect(mentionLabel("numerique")).toBe("Mention numérique");
    expect(mentionLabel(null)).toBeNull();
    expect(mentionLabel("autre")).toBeNull();
  });

  it("labels categories as the barometer does, and shows an unknown key as stored", () => {
    expect(categoryLabel("commune_plus_50000")).toBe("Mairies de plus de 50 000 habitants");
    expect(categoryLabel("france_services")).toBe("Maisons France Services");
    expect(categoryLabel("ancienne_categorie")).toBe("ancienne_categorie");
  });
});

describe("category order", () => {
  it("ranks categories in the barometer's order, unknown ones last", () => {
    expect(barometerCategories.map(categoryRank)).toEqual(barometerCategories.map((_, i) => i));
    expect(categoryRank("inconnue")).toBe(barometerCategories.length);
  });

  it("groups by category in that order, then by position and name", () => {
    const rows = [
      { category: "social_sante", position: 0, name: "CCAS de Saumur" },
      { category: "commune_moins_20000", position: 0, name: "Pagny-sur-Moselle" },
      { category: "commune_plus_50000", position: 2, name: "Villeurbanne" },
      { category: "commune_plus_50000", position: 1, name: "Limoges" },
      { category: "region", position: 0, name: "Hauts-de-France" },
      { category: "commune_plus_50000", position: 1, name: "Cannes" },
    ];
    const groups = groupByCategory(rows);
    expect(groups.map((g) => g.category)).toEqual(["commune_plus_50000", "commune_moins_20000", "region", "social_sante"]);
    expect(groups[0]!.label).toBe("Mairies de plus de 50 000 habitants");
    expect(groups[0]!.laureates.map((l) => l.name)).toEqual(["Cannes", "Limoges", "Villeurbanne"]);
  });
});

describe("addresses", () => {
  it("proposes a slug from the name, without the usual town-hall prefix", () => {
    expect(proposeLaureateSlug("Ville de Villeurbanne")).toBe("villeurbanne");
    expect(proposeLaureateSlug("Commune de Pagny-sur-Moselle")).toBe("pagny-sur-moselle");
    expect(proposeLaureateSlug("Les Sables d'Olonne")).toBe("les-sables-d-olonne");
    expect(proposeLaureateSlug("Ville d'Évreux")).toBe("evreux");
    expect(proposeLaureateSlug("Département de la Haute-Garonne")).toBe("departement-de-la-haute-garonne");
    expect(proposeLaureateSlug("CCAS de Saumur")).toBe("ccas-de-saumur");
  });

  it("accepts lowercase letters, digits and single inner hyphens only", () => {
    expect(isValidLaureateSlug("grand-besancon-metropole")).toBe(true);
    expect(isValidLaureateSlug("ville2")).toBe(true);
    for (const bad of ["", "Villeurbanne", "les--sables", "-cannes", "cannes-", "saint étienne", "a/b", "x".repeat(61)]) expect(isValidLaureateSlug(bad), bad).toBe(false);
  });

  it("uses the typed slug, or else the proposed one", () => {
    expect(slugOf({ name: "Ville de Cannes" })).toBe("cannes");
    expect(slugOf({ name: "Ville de Cannes", slug: "cannes-2023" })).toBe("cannes-2023");
  });

  it("parses the edition year of the address; anything else is a 404", () => {
    expect(parseLaureateYear("2020")).toBe(2020);
    for (const bad of [undefined, "", "20", "2020a", "1999", "9999", "02020"]) expect(parseLaureateYear(bad), String(bad)).toBeNull();
    expect(laureatePath({ year: 2020, slug: "villeurbanne" })).toBe("/laureats/2020/villeurbanne");
  });
});

describe("structured data", () => {
  it("cannot close its <script> element", () => {
    const text = jsonLdText({ name: "</script><script>alert(1)</script> & co" });
    expect(text).not.toContain("<");
    expect(text).not.toContain(">");
    expect(JSON.parse(text)).toEqual({ name: "</script><script>alert(1)</script> & co" });
  });
});

describe("staff form schema", () => {
  const valid = { year: "2020", category: "commune_plus_50000", name: "Ville de Villeurbanne", summary: "Résumé.", story: "Récit." };

  it("accepts a complete entry, with an empty slug proposed later and practices deduplicated", () => {
    const id = "0b9f3f38-2a54-4d8e-9d57-1f1b8c2e4a10";
    const parsed = laureateSchema.parse({ ...valid, mention: "numerique", practiceIds: [id, id] });
    expect(parsed).toMatchObject({ year: 2020, category: "commune_plus_50000", mention: "numerique", position: 0, practiceIds: [id] });
    expect(parsed.slug).toBeUndefined();
  });

  it("explains each refusal in French", () => {
    const messages = (input: Record<string, unknown>) => laureateSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages({ ...valid, year: "1990" })).toEqual(["year: Année entre 2012 et 2100."]);
    expect(messages({ ...valid, category: "" })).toEqual(["category: Choisissez la catégorie du palmarès."]);
    expect(messages({ ...valid, mention: "or" })).toEqual(["mention: Mention inconnue."]);
    expect(messages({ ...valid, name: " " })).toEqual(["name: Indiquez le nom du lauréat."]);
    expect(messages({ ...valid, slug: "Ville de Lyon" })[0]).toMatch(/^slug: Lettres minuscules sans accent/);
    expect(messages({ ...valid, story: "" })).toEqual(["story: Rédigez le récit du lauréat."]);
    expect(messages({ ...valid, linkedTenantId: "42" })).toEqual(["linkedTenantId: Structure inconnue."]);
    expect(messages({ ...valid, practiceIds: ["x"] })).toEqual(["practiceIds.0: Bonne pratique inconnue."]);
    expect(messages({ ...valid, position: "-1" })).toEqual(["position: Entre 0 et 999."]);
  });

  it("reads the consent checkbox: checked gives, absent withdraws, anything else is refused", () => {
    expect(showcaseConsentSchema.parse({ intent: "consent", consent: "oui" }).consent).toBe("oui");
    expect(showcaseConsentSchema.parse({ intent: "consent" }).consent).toBeUndefined();
    expect(showcaseConsentSchema.safeParse({ intent: "consent", consent: "peut-etre" }).success).toBe(false);
  });
});
