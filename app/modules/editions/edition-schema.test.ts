import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { barometerCategories } from "../tenancy/categories";
import { editionFormDefaults, editionSchema, formatEurosInput, nextEditionFrom, parseEuros, type EditionValues } from "./edition-schema";

/** The form as a browser posts it: every value a string, nested names with dots. */
function formData(overrides: Record<string, string | null> = {}) {
  const fields: Record<string, string | null> = {
    year: "2028",
    number: "13",
    title: "Baromètre Expérience Citoyen 2028",
    enrolmentOpensOn: "2028-01-15",
    enrolmentClosesOn: "2028-04-15",
    auditStartsOn: "2028-05-01",
    auditEndsOn: "2028-06-30",
    publicationOn: "2028-11-15",
    referentialVersion: "2028.1",
    termsVersion: "CGV-2028-01",
    "auditPlan.telephone": "4",
    "auditPlan.courriel": "3",
    "auditPlan.courrier": "1",
    "auditPlan.site": "2",
    "auditPlan.reseaux_sociaux": "2",
    "auditPlan.accueil_physique": "1",
    onsiteVisitOptional: "on",
    onsiteVisitPrice: "450,00",
    ...Object.fromEntries(barometerCategories.map((category) => [`prices.${category}`, "1 490"])),
    ...overrides,
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== null) data.append(name, value);
  return data;
}

const parse = (overrides: Record<string, string | null> = {}) => parseWithZod(formData(overrides), { schema: editionSchema });

/** The field errors of a submission, by field name ("auditPlan", "prices.region"…). */
function errors(overrides: Record<string, string | null>) {
  const submission = parse(overrides);
  return submission.status === "success" ? {} : (submission.error ?? {});
}

describe("parseEuros", () => {
  it.each([
    ["450", 45_000],
    ["450,00", 45_000],
    ["450,5", 45_050],
    ["1 490,50", 149_050],
    ["1\u202f490,50", 149_050],
    ["1\u00a0490 €", 149_000],
    ["  4900 ", 490_000],
    ["12.30", 1_230],
    ["0", 0],
  ])("reads %j as %i cents", (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(["", "abc", "1.490,50", "1,2,3", "450,123", "-450", "4 5 0 , 0 0 x"])("refuses %j", (text) => {
    expect(parseEuros(text)).toBeNull();
  });

  it("round-trips with the French display", () => {
    for (const cents of [45_000, 149_050, 490_000, 99_999_99]) expect(parseEuros(formatEurosInput(cents))).toBe(cents);
    expect(formatEurosInput(149_050)).toBe("1\u202f490,50");
    expect(formatEurosInput(149_000)).toBe("1\u202f490");
  });
});

describe("editionSchema", () => {
  it("reads a valid form into cents and numbers", () => {
    const submission = parse({ "prices.region": "4 900,50" });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({
      year: 2028,
      number: 13,
      auditPlan: { telephone: 4, courriel: 3, courrier: 1, site: 2, reseaux_sociaux: 2, accueil_physique: 1 },
      onsiteVisitOptional: true,
      onsiteVisitPriceCents: 45_000,
    });
    expect(submission.value.pricesHtCents.region).toBe(490_050);
    expect(submission.value.pricesHtCents.commune_moins_20000).toBe(149_000);
  });

  it("treats an unticked on-site visit box as not optional", () => {
    const submission = parse({ onsiteVisitOptional: null });
    expect(submission.status === "success" && submission.value.onsiteVisitOptional).toBe(false);
  });

  it("refuses a plan that does not total 13 audits, on the plan", () => {
    expect(errors({ "auditPlan.telephone": "3" }).auditPlan).toEqual(["Le plan d'audit doit totaliser exactement 13 audits (il en compte 12)."]);
  });

  it("refuses a channel count outside 0–13 or not whole", () => {
    expect(errors({ "auditPlan.site": "14" })["auditPlan.site"]).toEqual(["13 audits au plus par canal."]);
    expect(errors({ "auditPlan.site": "-1" })["auditPlan.site"]).toEqual(["Le nombre d'audits ne peut pas être négatif."]);
    expect(errors({ "auditPlan.site": "1.5" })["auditPlan.site"]).toEqual(["Indiquez un nombre entier d'audits."]);
  });

  it("checks the calendar order, on the later date", () => {
    expect(errors({ enrolmentClosesOn: "2028-01-10" }).enrolmentClosesOn).toEqual(["La clôture des inscriptions ne peut pas précéder leur ouverture."]);
    expect(errors({ auditStartsOn: "2028-04-15" }).auditStartsOn).toEqual(["Les audits commencent après la clôture des inscriptions."]);
    expect(errors({ auditEndsOn: "2028-04-30" })).toMatchObject({ auditEndsOn: ["La fin des audits ne peut pas précéder leur début."] });
    expect(errors({ publicationOn: "2028-06-29" }).publicationOn).toEqual(["La publication des résultats ne peut pas précéder la fin des audits."]);
    // Same day is fine where the rule says "≤".
    expect(parse({ enrolmentClosesOn: "2028-01-15", auditEndsOn: "2028-05-01", publicationOn: "2028-05-01" }).status).toBe("success");
  });

  it("refuses impossible or malformed dates", () => {
    expect(errors({ auditEndsOn: "2028-02-30" }).auditEndsOn).toEqual(["La date de fin des audits n'existe pas."]);
    expect(errors({ publicationOn: "15/11/2028" }).publicationOn).toEqual(["Indiquez la date de publication des résultats au format AAAA-MM-JJ."]);
  });

  it("bounds the year and the number, in French", () => {
    expect(errors({ year: "2011" }).year).toEqual(["L'année doit être comprise entre 2012 et 2100."]);
    expect(errors({ year: "2101" }).year).toEqual(["L'année doit être comprise entre 2012 et 2100."]);
    expect(errors({ year: null }).year).toEqual(["Indiquez l'année de l'édition."]);
    expect(errors({ number: "0" }).number).toEqual(["Le numéro de l'édition commence à 1."]);
  });

  it("refuses missing, zero or unreadable prices", () => {
    expect(errors({ "prices.region": "" })["prices.region"]).toEqual(["Indiquez un prix."]);
    expect(errors({ "prices.region": "0" })["prices.region"]).toEqual(["Le prix doit être supérieur à 0 €."]);
    expect(errors({ "prices.region": "quatre mille" })["prices.region"]).toEqual(["Montant invalide : écrivez par exemple 1 490 ou 1 490,50."]);
    // The on-site visit may be free.
    expect(parse({ onsiteVisitPrice: "0" }).status).toBe("success");
  });
});

describe("form defaults", () => {
  const edition2027: EditionValues = {
    year: 2027,
    number: 12,
    title: "Baromètre Expérience Citoyen 2027",
    enrolmentOpensOn: "2027-02-07",
    enrolmentClosesOn: "2027-04-08",
    auditStartsOn: "2027-05-02",
    auditEndsOn: "2027-06-30",
    publicationOn: "2027-11-15",
    referentialVersion: "2027.1",
    termsVersion: "CGV-2027-01",
    auditPlan: { telephone: 4, courriel: 3, courrier: 1, site: 2, reseaux_sociaux: 2, accueil_physique: 1 },
    onsiteVisitOptional: true,
    onsiteVisitPriceCents: 45_000,
    pricesHtCents: Object.fromEntries(barometerCategories.map((category) => [category, 149_050])) as EditionValues["pricesHtCents"],
  };

  it("proposes the next edition with the same plan and prices, a year later", () => {
    const next = nextEditionFrom(edition2027);
    expect(next).toMatchObject({
      year: 2028,
      number: 13,
      title: "Baromètre Expérience Citoyen 2028",
      enrolmentOpensOn: "2028-02-07",
      publicationOn: "2028-11-15",
    });
    expect(next.auditPlan).toEqual(edition2027.auditPlan);
    expect(next.pricesHtCents).toEqual(edition2027.pricesHtCents);
  });

  it("shows amounts in French and parses back to the same edition", () => {
    const defaults = editionFormDefaults(edition2027);
    expect(defaults.prices.region).toBe("1\u202f490,50");
    expect(defaults.onsiteVisitPrice).toBe("450");
    const data = new FormData();
    for (const [name, value] of Object.entries(defaults)) {
      if (typeof value === "object") for (const [key, inner] of Object.entries(value)) data.append(`${name}.${key}`, String(inner));
      else if (typeof value === "boolean") value && data.append(name, "on");
      else data.append(name, String(value));
    }
    const submission = parseWithZod(data, { schema: editionSchema });
    expect(submission.status === "success" && submission.value).toEqual(edition2027);
  });
});
