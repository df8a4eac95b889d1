import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { offerFormDefaults, offerSchema, priceLabel, REMOTE_PLACE, sessionEditSchema, sessionFormDefaults, sessionSchema } from "./catalogue-schema";

/** A form as a browser posts it: every value a string; null leaves the field out. */
function formData(fields: Record<string, string | null>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== null) data.append(name, value);
  return data;
}

const offerFields = (overrides: Record<string, string | null> = {}) =>
  formData({
    code: "formation-accueil-numerique",
    kind: "formation",
    title: "Formation « Accueil numérique »",
    description: "Accompagner les usagers dans leurs démarches en ligne.",
    benefits: "Des usagers autonomes.",
    duration: "1 jour (7 heures)",
    price: "1 250",
    prerequisites: "Aucun.",
    position: "12",
    active: "on",
    ...overrides,
  });

const parseOffer = (overrides: Record<string, string | null> = {}) => parseWithZod(offerFields(overrides), { schema: offerSchema });
const offerErrors = (overrides: Record<string, string | null>) => {
  const submission = parseOffer(overrides);
  return submission.status === "success" ? {} : (submission.error ?? {});
};

describe("offerSchema", () => {
  it("reads a complete offer, the price in cents HT", () => {
    const submission = parseOffer();
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toEqual({
      code: "formation-accueil-numerique",
      kind: "formation",
      title: "Formation « Accueil numérique »",
      description: "Accompagner les usagers dans leurs démarches en ligne.",
      benefits: "Des usagers autonomes.",
      duration: "1 jour (7 heures)",
      priceHtCents: 125000,
      prerequisites: "Aucun.",
      position: 12,
      active: true,
    });
  });

  it("reads French amounts: grouped thousands, decimal comma, euro sign, narrow spaces", () => {
    const cents = (price: string) => {
      const submission = parseOffer({ price });
      return submission.status === "success" ? submission.value.priceHtCents : "invalid";
    };
    expect(cents("1250")).toBe(125000);
    expect(cents("1 250,50")).toBe(125050);
    expect(cents("1\u202F250 €")).toBe(125000);
    expect(cents("690.5")).toBe(69050);
    expect(cents("0")).toBe(0);
  });

  it("treats an empty price as « sur devis »", () => {
    for (const price of ["", "   ", null]) {
      const submission = parseOffer({ price });
      expect(submission.status, JSON.stringify(price)).toBe("success");
      if (submission.status === "success") expect(submission.value.priceHtCents).toBeNull();
    }
  });

  it("refuses a price that is not an amount, with a French message", () => {
    for (const price of ["douze", "-300", "1.250.000", "12,345"]) expect(offerErrors({ price }).price?.[0], price).toMatch(/^Montant invalide/);
  });

  it("wants a slug-like code, lower-cased", () => {
    expect(offerErrors({ code: "Formation Accueil" }).code?.[0]).toMatch(/minuscules sans accents, chiffres et tirets/);
    expect(offerErrors({ code: "formation-écrits" }).code).toBeDefined();
    expect(offerErrors({ code: "-formation" }).code).toBeDefined();
    expect(offerErrors({ code: "ab" }).code?.[0]).toBe("Le code compte au moins 3 caractères.");
    const upper = parseOffer({ code: "  FORMATION-2026 " });
    expect(upper.status === "success" && upper.value.code).toBe("formation-2026");
  });

  it("names every missing field in French", () => {
    const errors = offerErrors({ code: "", kind: "", title: "", description: "", benefits: "", duration: "", prerequisites: "", position: "" });
    expect(errors.code?.[0]).toBe("Indiquez le code de l'offre.");
    expect(errors.kind?.[0]).toBe("Choisissez le type d'offre.");
    expect(errors.title?.[0]).toBe("Indiquez le titre de l'offre.");
    expect(errors.description?.[0]).toBe("Décrivez l'offre.");
    expect(errors.benefits?.[0]).toBe("Indiquez ce que l'offre apporte à la structure.");
    expect(errors.duration?.[0]).toMatch(/^Indiquez la durée/);
    expect(errors.prerequisites?.[0]).toMatch(/^Indiquez les prérequis/);
    expect(errors.position?.[0]).toMatch(/^Indiquez la position/);
  });

  it("refuses an unknown kind and a position out of range", () => {
    expect(offerErrors({ kind: "webinaire" }).kind?.[0]).toBe("Choisissez le type d'offre.");
    expect(offerErrors({ position: "1000" }).position?.[0]).toBe("La position va de 0 à 999.");
    expect(offerErrors({ position: "2,5" }).position).toBeDefined();
  });

  it("reads an unticked box as inactive", () => {
    const submission = parseOffer({ active: null });
    expect(submission.status === "success" && submission.value.active).toBe(false);
  });

  it("round-trips an offer through the form's initial values", () => {
    const defaults = offerFormDefaults({ code: "x-y", kind: "certification", title: "T", description: "D", benefits: "B", duration: "2 jours", priceHtCents: 125050, prerequisites: "P", position: 3, active: false });
    expect(defaults).toMatchObject({ price: expect.stringMatching(/^1\s250,50$/), position: "3", active: "" });
    expect(offerFormDefaults({ code: "x-y", kind: "certification", title: "T", description: "D", benefits: "B", duration: "2 jours", priceHtCents: null, prerequisites: "P", position: 3, active: true }).price).toBe("");
    expect(offerFormDefaults(null, 9)).toMatchObject({ position: "9", active: "on", code: "" });
  });

  it("labels a price HT or « Sur devis »", () => {
    expect(priceLabel(null)).toBe("Sur devis");
    expect(priceLabel(69000)).toMatch(/^690,00\s€ HT$/);
  });
});

const sessionFields = (overrides: Record<string, string | null> = {}) => formData({ startsOn: "2027-03-10", endsOn: "2027-03-11", place: "Lyon", seats: "12", ...overrides });
const parseSession = (overrides: Record<string, string | null> = {}) => parseWithZod(sessionFields(overrides), { schema: sessionSchema });
const sessionErrors = (overrides: Record<string, string | null>) => {
  const submission = parseSession(overrides);
  return submission.status === "success" ? {} : (submission.error ?? {});
};

describe("sessionSchema", () => {
  it("reads a session in a town", () => {
    const submission = parseSession();
    expect(submission.status === "success" && submission.value).toEqual({ startsOn: "2027-03-10", endsOn: "2027-03-11", remote: false, place: "Lyon", seats: 12 });
  });

  it("places a remote session « À distance », whatever the town field says", () => {
    for (const place of [null, "", "Lyon"]) {
      const submission = parseSession({ remote: "on", place });
      expect(submission.status === "success" && submission.value.place).toBe(REMOTE_PLACE);
      expect(submission.status === "success" && submission.value.remote).toBe(true);
    }
  });

  it("wants a town for a session on site", () => {
    expect(sessionErrors({ place: "" }).place?.[0]).toBe("Indiquez la ville de la session, ou cochez « À distance ».");
  });

  it("accepts a one-day session and refuses an end before the start", () => {
    expect(parseSession({ endsOn: "2027-03-10" }).status).toBe("success");
    expect(sessionErrors({ endsOn: "2027-03-09" }).endsOn?.[0]).toBe("La fin de la session ne peut pas précéder son début.");
  });

  it("refuses dates that are not dates", () => {
    expect(sessionErrors({ startsOn: "10/03/2027" }).startsOn?.[0]).toBe("Indiquez la date de début au format AAAA-MM-JJ.");
    expect(sessionErrors({ endsOn: "2027-02-30" }).endsOn?.[0]).toBe("La date de fin n'existe pas.");
  });

  it("keeps seats between 1 and 200", () => {
    expect(parseSession({ seats: "1" }).status).toBe("success");
    expect(parseSession({ seats: "200" }).status).toBe("success");
    expect(sessionErrors({ seats: "0" }).seats?.[0]).toBe("Une session compte de 1 à 200 places.");
    expect(sessionErrors({ seats: "201" }).seats?.[0]).toBe("Une session compte de 1 à 200 places.");
    expect(sessionErrors({ seats: "" }).seats?.[0]).toMatch(/^Indiquez le nombre de places/);
    expect(sessionErrors({ seats: "3,5" }).seats).toBeDefined();
  });

  it("edits a known session only", () => {
    const id = "7d1c2a5e-3b4f-4c6d-8e9f-0a1b2c3d4e5f";
    const edited = parseWithZod(sessionFields({ sessionId: id, remote: "on" }), { schema: sessionEditSchema });
    expect(edited.status === "success" && edited.value).toEqual({ sessionId: id, startsOn: "2027-03-10", endsOn: "2027-03-11", remote: true, place: REMOTE_PLACE, seats: 12 });
    const unknown = parseWithZod(sessionFields({ sessionId: "abc" }), { schema: sessionEditSchema });
    expect(unknown.status === "success" ? {} : unknown.error?.sessionId).toEqual(["Session inconnue."]);
  });

  it("gives the form a session's initial values", () => {
    expect(sessionFormDefaults({ id: "s", startsOn: "2027-03-10", endsOn: "2027-03-10", remote: true, place: REMOTE_PLACE, seats: 15 })).toEqual({
      sessionId: "s",
      startsOn: "2027-03-10",
      endsOn: "2027-03-10",
      remote: "on",
      place: "",
      seats: "15",
    });
  });
});
