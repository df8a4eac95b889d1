import { describe, expect, it } from "vitest";
import { nextStep, offerCodes, recognisedLabels, type LadderInput, type LadderScore } from "./ladder";

const channel = (code: string, label: string, score: number | null, median: number | null): LadderScore => ({ code, label, score, median });

/** Six channels at their category median unless overridden. */
function results(global: number, globalMedian: number | null, overrides: Partial<Record<string, [number | null, number | null]>> = {}) {
  const base: [string, string][] = [
    ["telephone", "Téléphone"],
    ["courriel", "Courriel"],
    ["courrier", "Courrier postal"],
    ["site", "Site internet"],
    ["reseaux_sociaux", "Réseaux sociaux et avis en ligne"],
    ["accueil_physique", "Accueil physique"],
  ];
  return {
    global: { score: global, median: globalMedian },
    channels: base.map(([code, label]) => {
      const [score, median] = overrides[code] ?? [70, 65];
      return channel(code, label, score, median);
    }),
    determinants: [channel("amabilite", "Amabilité", 52, 60.25), channel("delais", "Délais de réponse", 80, 70)],
  };
}

const input = (r: LadderInput["results"], certifications: string[] = [], structureKind = "commune"): LadderInput => ({ results: r, certifications, structureKind });

describe("nextStep", () => {
  it("asks a structure without results to take part in the barometer first", () => {
    const step = nextStep(input(null, ["Qualivilles"]));
    expect(step).toMatchObject({ step: "barometre", recommendedOfferCode: null });
    expect(step.reason).toContain("participez au baromètre");
  });

  it("keeps a certified structure's label with a flash diagnostic before renewal", () => {
    const step = nextStep(input(results(40, 70), ["Qualivilles"]));
    expect(step).toEqual({
      step: "diagnostic_flash",
      recommendedOfferCode: offerCodes.flash,
      reason:
        "Votre structure détient déjà Qualivilles et son score global est de 40,0/100 : un diagnostic flash avant l'audit de renouvellement vous montre les écarts à corriger pour conserver votre label.",
    });
  });

  it("recognises the labels whatever their spelling, Marianne included", () => {
    expect(recognisedLabels(["services publics +", "Label Marianne", "ISO 9001:2015", "ISO 14001", "QUALIVILLES"])).toEqual(["Label Marianne", "ISO 9001:2015", "QUALIVILLES"]);
    expect(recognisedLabels(["Services Publics+"])).toEqual(["Services Publics+"]);
  });

  it("sends a structure more than 5 points under its category median to the internal diagnostic", () => {
    const step = nextStep(input(results(59.9, 65)));
    expect(step.step).toBe("diagnostic");
    expect(step.recommendedOfferCode).toBe(offerCodes.diagnostic);
    expect(step.reason).toBe(
      "Votre score global (59,9/100) est à plus de 5 points sous la médiane de votre catégorie (65,0) : un diagnostic interne, mené par un auditeur indépendant, identifiera les causes et les priorités, à commencer par « Amabilité » (52,0/100, médiane 60,3).",
    );
  });

  it("does not count exactly 5 points under the median as a structural gap", () => {
    expect(nextStep(input(results(60, 65))).step).not.toBe("diagnostic");
  });

  it("sends a structure with 3 channels under their median to the internal diagnostic", () => {
    const step = nextStep(input(results(66, 65, { telephone: [50, 60], courriel: [48, 61.5], site: [64, 65] })));
    expect(step.step).toBe("diagnostic");
    expect(step.reason).toBe(
      "3 canaux sur 6 sont sous la médiane de votre catégorie (courriel 48,0/100 pour une médiane de 61,5, téléphone 50,0/100 pour une médiane de 60,0 et site internet 64,0/100 pour une médiane de 65,0) : un diagnostic interne, mené par un auditeur indépendant, vous aidera à traiter ces écarts ensemble.",
    );
  });

  it("recommends the training of the channel furthest under its median", () => {
    const step = nextStep(input(results(70, 65, { courriel: [48, 61.5], telephone: [60, 62] })));
    expect(step).toEqual({
      step: "formation",
      recommendedOfferCode: offerCodes.writingTraining,
      reason:
        "Votre score courriel (48,0/100) est sous la médiane de votre catégorie (61,5) : une formation de vos agents sur ce canal est le levier le plus direct.",
    });
  });

  it("ignores channels whose median is hidden or without a score", () => {
    const step = nextStep(input(results(70, 65, { courriel: [20, null], telephone: [null, 60], accueil_physique: [55, 60] })));
    expect(step).toMatchObject({ step: "formation", recommendedOfferCode: offerCodes.deskTraining });
  });

  it("puts a flash diagnostic before the label between 75 and 80", () => {
    const step = nextStep(input(results(77.5, 65)));
    expect(step.step).toBe("diagnostic_flash");
    expect(step.recommendedOfferCode).toBe(offerCodes.flash);
    expect(step.reason).toContain("votre score global atteint 77,5/100");
    expect(step.reason).toContain("label Qualivilles");
  });

  it("recommends the label from 80, Services Publics+ for a structure that is not a local authority", () => {
    expect(nextStep(input(results(82, 65)))).toMatchObject({ step: "certification", recommendedOfferCode: offerCodes.qualivilles });
    const step = nextStep(input(results(82, 65), [], "france_services"));
    expect(step).toMatchObject({ step: "certification", recommendedOfferCode: offerCodes.servicesPublicsPlus });
    expect(step.reason).toContain("par le label Services Publics+");
  });

  it("trains on the weakest channel when every channel is at its median but the global score is under 75", () => {
    const step = nextStep(input(results(70, 68, { reseaux_sociaux: [66, 65] })));
    expect(step).toEqual({
      step: "formation",
      recommendedOfferCode: offerCodes.onlineTraining,
      reason:
        "Vos canaux sont au niveau de la médiane de votre catégorie, mais votre score global (70,0/100) reste sous 75/100 : une formation sur votre canal le plus faible, réseaux sociaux et avis en ligne (66,0/100), installera les habitudes qu'un label demande.",
    });
  });
});
