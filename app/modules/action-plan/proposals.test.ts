import { describe, expect, it } from "vitest";
import { channelLabels } from "../editions/audit-plan";
import { scoreStructure, type Answer, type AnswerValue, type Audit } from "../scoring/scoring";
import { proposeActions, type PlanItem, type ProposalInput } from "./proposals";

/*
 * A hand-built referential: four phone calls and one e-mail. The figures in the expectations are
 * computed by hand from the rules (score = 100 × Σ weight × points / Σ weight; impact = 100 × lost
 * weight / all answered weight; priority = impact / effort: ≥ 2 haute, ≥ 0.75 moyenne, else basse).
 */
const names: PlanItem = { code: "TEL-01", label: "L'agent décroche en citant le nom de la structure", channel: "telephone", stage: "acces", determinant: "accueil", weight: 2, answerType: "yes_no" };
const rings: PlanItem = {
  code: "TEL-02",
  label: "Nombre de sonneries avant le décroché",
  channel: "telephone",
  stage: "acces",
  determinant: "reactivite",
  weight: 1,
  answerType: "measure",
  unit: "sonneries",
  thresholds: [
    { upTo: 3, points: 1 },
    { upTo: 5, points: 0.5 },
  ],
};
const tone: PlanItem = { code: "TEL-03", label: "Amabilité du ton de l'agent", channel: "telephone", stage: "information_orientation", determinant: "courtoisie", weight: 1, answerType: "scale" };
const complete: PlanItem = { code: "MEL-01", label: "La réponse est complète", channel: "courriel", stage: "traitement", determinant: "qualite_reponse", weight: 1, answerType: "yes_no" };
const items = [names, rings, tone, complete];

const determinantLabels = { accueil: "Accueil", reactivite: "Réactivité", courtoisie: "Courtoisie", qualite_reponse: "Qualité de la réponse" };

const calls: Audit[] = [1, 2, 3, 4].map((n) => ({ id: `call-${n}`, number: n, channel: "telephone", date: `2027-05-0${n}` }));
const mail: Audit = { id: "mail-1", number: 5, channel: "courriel", date: "2027-05-06" };

/** One answer per call for each phone item (in call order), and the e-mail's. */
function answersOf(phone: { names: AnswerValue[]; rings: AnswerValue[]; tone: AnswerValue[] }, mailComplete: AnswerValue = "oui"): Answer[] {
  return [
    ...calls.flatMap((call, i) => [
      { auditId: call.id, itemCode: names.code, value: phone.names[i]! },
      { auditId: call.id, itemCode: rings.code, value: phone.rings[i]! },
      { auditId: call.id, itemCode: tone.code, value: phone.tone[i]! },
    ]),
    { auditId: mail.id, itemCode: complete.code, value: mailComplete },
  ];
}

function input(answers: Answer[], overrides: Partial<ProposalInput> = {}, referential: PlanItem[] = items, audits: Audit[] = [...calls, mail]): ProposalInput {
  return { card: scoreStructure(referential, audits, answers), items: referential, answers, determinantLabels, channelLabels, ...overrides };
}

// Accueil: "non" on 3 calls of 4 → 25. Réactivité: 2, 4, 6, 3 rings → 1, ½, 0, 1 → 62,5.
// Courtoisie: 4, 4, 3, 4 → 93,8. Qualité de la réponse: 100. Telephone: 8,25 / 16 → 51,6.
const typical = answersOf({ names: ["oui", "non", "non", "non"], rings: [2, 4, 6, 3], tone: [4, 4, 3, 4] });

describe("proposeActions", () => {
  it("proposes an action for each group under the threshold, none for the others", () => {
    const proposals = proposeActions(input(typical));
    expect(proposals.map((p) => [p.key, p.score])).toEqual([
      ["canal:telephone", 51.6],
      ["determinant:accueil", 25],
      ["determinant:reactivite", 62.5],
    ]);
    // Courtoisie (93,8), Qualité de la réponse and the e-mail channel (100) are above 70.
    expect(proposals.some((p) => p.determinant === "courtoisie" || p.determinant === "qualite_reponse" || p.key === "canal:courriel")).toBe(false);
  });

  it("follows the threshold it is given: a group exactly at the threshold gets no action", () => {
    const at = proposeActions(input(typical, { rules: { threshold: 62.5, maxDeterminants: 5, maxChannels: 2 } }));
    expect(at.map((p) => p.key)).toEqual(["canal:telephone", "determinant:accueil"]);
    const high = proposeActions(input(typical, { rules: { threshold: 95, maxDeterminants: 5, maxChannels: 2 } }));
    expect(high.map((p) => p.key).sort()).toEqual(["canal:telephone", "determinant:accueil", "determinant:courtoisie", "determinant:reactivite"]);
  });

  it("keeps only the weakest groups up to the maximum counts", () => {
    const proposals = proposeActions(input(typical, { rules: { threshold: 95, maxDeterminants: 1, maxChannels: 0 } }));
    expect(proposals.map((p) => p.key)).toEqual(["determinant:accueil"]);
    const two = proposeActions(input(typical, { rules: { threshold: 95, maxDeterminants: 2, maxChannels: 1 } }));
    expect(two.map((p) => p.key).sort()).toEqual(["canal:telephone", "determinant:accueil", "determinant:reactivite"]);
  });

  it("titles and explains each action from the items that lost points", () => {
    const [channel, accueil, reactivite] = proposeActions(input(typical));
    expect(accueil).toEqual({
      key: "determinant:accueil",
      title: "Accueil : l'agent décroche en citant le nom de la structure",
      description: [
        "Accueil : 25,0 / 100, sous le seuil de 70. Ce qui a coûté le plus de points :",
        "– L'agent décroche en citant le nom de la structure : non constaté lors de 3 appels sur 4.",
        "Gain possible : jusqu'à 35,3 points de score global.",
      ].join("\n"),
      determinant: "accueil",
      channel: "telephone",
      stage: "acces",
      score: 25,
      // 3 misses × weight 2 out of 17 answered weight.
      impact: 35.3,
      effort: 1,
      priority: "haute",
    });
    // A measure says how many contacts missed the objective, and what the objective is.
    expect(reactivite!.title).toBe("Réactivité : nombre de sonneries avant le décroché");
    expect(reactivite!.description).toContain("– Nombre de sonneries avant le décroché : 2 appels sur 4 au-delà de l'objectif (objectif : 3 sonneries au plus).");
    expect(reactivite).toMatchObject({ impact: 8.8, effort: 3, priority: "haute" });
    // A channel's action lists its items by points lost, a scale with its mean mark.
    expect(channel!.title).toBe("Téléphone : l'agent décroche en citant le nom de la structure");
    expect(channel!.description.split("\n")).toEqual([
      "Téléphone : 51,6 / 100, sous le seuil de 70. Ce qui a coûté le plus de points :",
      "– L'agent décroche en citant le nom de la structure : non constaté lors de 3 appels sur 4.",
      "– Nombre de sonneries avant le décroché : 2 appels sur 4 au-delà de l'objectif (objectif : 3 sonneries au plus).",
      "– Amabilité du ton de l'agent : note moyenne de 3,8 sur 4 (4 appels évalués).",
      "Gain possible : jusqu'à 45,6 points de score global.",
    ]);
    expect(channel).toMatchObject({ determinant: null, channel: "telephone", stage: "acces", effort: 2, priority: "haute" });
  });

  it("says it in the singular for one contact", () => {
    const one = [calls[0]!];
    const answers: Answer[] = [{ auditId: "call-1", itemCode: names.code, value: "non" }];
    const [proposal] = proposeActions(input(answers, { rules: { threshold: 70, maxDeterminants: 5, maxChannels: 0 } }, [names], one));
    expect(proposal!.description).toContain("non constaté lors de 1 appel sur 1.");
  });

  it("sets effort from the kind of item and priority from the gain per unit of effort", () => {
    // Σ answered weight 55: a yes/no (weight 3) missed, a measure (weight 1) over every threshold,
    // a scale (weight 2) at 2 / 4, and a heavy item answered "oui".
    const referential: PlanItem[] = [
      { ...names, code: "A", determinant: "a", weight: 3 },
      { ...rings, code: "B", label: "Heures avant la réponse", unit: "heures", channel: "courriel", determinant: "b", weight: 1, thresholds: [{ upTo: 24, points: 1 }] },
      { ...tone, code: "C", channel: "courrier", determinant: "c", weight: 2 },
      { ...complete, code: "D", channel: "courrier", determinant: "d", weight: 49 },
    ];
    const audits: Audit[] = [
      { id: "t", number: 1, channel: "telephone", date: "2027-05-01" },
      { id: "m", number: 2, channel: "courriel", date: "2027-05-02" },
      { id: "p", number: 3, channel: "courrier", date: "2027-05-03" },
    ];
    const answers: Answer[] = [
      { auditId: "t", itemCode: "A", value: "non" },
      { auditId: "m", itemCode: "B", value: 72 },
      { auditId: "p", itemCode: "C", value: 2 },
      { auditId: "p", itemCode: "D", value: "oui" },
    ];
    const labels = { a: "Accueil", b: "Délai", c: "Ton" };
    const proposals = proposeActions(input(answers, { determinantLabels: labels, rules: { threshold: 70, maxDeterminants: 5, maxChannels: 0 } }, referential, audits));
    expect(proposals.map((p) => [p.key, p.impact, p.effort, p.priority])).toEqual([
      ["determinant:a", 5.5, 1, "haute"], // 5,5 / 1
      ["determinant:c", 1.8, 2, "moyenne"], // 1,8 / 2 = 0,9
      ["determinant:b", 1.8, 3, "basse"], // 1,8 / 3 = 0,6
    ]);
    expect(proposals[2]!.description).toContain("Heures avant la réponse : 1 courriel sur 1 au-delà de l'objectif (objectif : 24 heures au plus).");
  });

  it("always gives the same proposals, in the same order, whatever the order of its inputs", () => {
    const first = proposeActions(input(typical));
    const shuffled = proposeActions({ ...input([...typical].reverse()), items: [...items].reverse() });
    expect(shuffled).toEqual(first);
    expect(proposeActions(input(typical))).toEqual(first);
    // The keys are what makes storing them again idempotent: one per group, stable.
    expect(new Set(first.map((p) => p.key)).size).toBe(first.length);
  });

  it("leaves out answers that do not apply", () => {
    const withNa = answersOf({ names: ["oui", "non", "na", "na"], rings: [2, 2, 2, 2], tone: [4, 4, 4, 4] });
    const accueil = proposeActions(input(withNa)).find((p) => p.key === "determinant:accueil");
    expect(accueil?.description).toContain("non constaté lors de 1 appel sur 2.");
  });

  it("proposes nothing when no group is weak, or nothing was answered", () => {
    const good = answersOf({ names: ["oui", "oui", "oui", "non"], rings: [1, 2, 3, 4], tone: [4, 4, 4, 3] });
    expect(proposeActions(input(good))).toEqual([]);
    expect(proposeActions(input([]))).toEqual([]);
  });
});
