/**
 * The proposed action plan of a structure, written from its published results: one action per
 * weak determinant (and per weak channel), titled and explained from the items that lost points.
 *
 * PURE: no database, no clock. The same inputs always give the same proposals, in the same order;
 * each proposal has a stable `key` so that storing them again never duplicates an action.
 */
import { formatNumber, formatScore } from "~/utils/format";
import type { Answer, AnswerValue, ChannelCode, ReferentialItem, ScoreCard, StageCode } from "../scoring/scoring";

export type ProposalRules = {
  /** A determinant or channel scoring under this (out of 100) gets an action. */
  threshold: number;
  /** At most this many determinant actions (the weakest first)… */
  maxDeterminants: number;
  /** …and this many channel actions. */
  maxChannels: number;
};

export const defaultProposalRules: ProposalRules = { threshold: 70, maxDeterminants: 5, maxChannels: 2 };

export type Priority = "haute" | "moyenne" | "basse";

export type Proposal = {
  key: string;
  title: string;
  description: string;
  determinant: string | null;
  channel: ChannelCode | null;
  stage: StageCode | null;
  /** The group's score when the plan was proposed. */
  score: number;
  /** Points of global score the structure would win back if the group lost nothing (one decimal). */
  impact: number;
  /** 1 (quick fix) to 3 (organisation to change). */
  effort: 1 | 2 | 3;
  priority: Priority;
};

/** A referential item, with the unit of its measure ("sonneries", "jours ouvrés"…) when it has one. */
export type PlanItem = ReferentialItem & { unit?: string | null };

export type ProposalInput = {
  card: ScoreCard;
  items: PlanItem[];
  answers: Answer[];
  determinantLabels: Record<string, string>;
  channelLabels: Record<ChannelCode, string>;
  rules?: ProposalRules;
};

/** What one contact of a channel is called in a sentence ("3 appels sur 4"). */
const contactNouns: Record<ChannelCode, [singular: string, plural: string]> = {
  telephone: ["appel", "appels"],
  courriel: ["courriel", "courriels"],
  courrier: ["courrier", "courriers"],
  site: ["visite du site", "visites du site"],
  reseaux_sociaux: ["message en ligne", "messages en ligne"],
  accueil_physique: ["visite sur place", "visites sur place"],
};

/** How hard an item is to fix: a yes/no behaviour is a quick fix, a measured delay an organisation. */
const effortOfType: Record<ReferentialItem["answerType"], number> = { yes_no: 1, scale: 2, measure: 3 };

type Facts = { item: PlanItem; answered: number; lost: number; lostWeight: number; values: AnswerValue[] };

function pointsOf(item: ReferentialItem, value: AnswerValue): number | null {
  if (value === "na") return null;
  if (item.answerType === "yes_no") return value === "oui" ? 1 : 0;
  if (item.answerType === "scale") return typeof value === "number" ? value / 4 : 0;
  if (typeof value !== "number") return 0;
  for (const threshold of item.thresholds ?? []) if (value <= threshold.upTo) return threshold.points;
  return 0;
}

function lowerFirst(text: string) {
  return text.charAt(0).toLocaleLowerCase("fr-FR") + text.slice(1);
}

function count(n: number, [singular, plural]: [string, string]) {
  return `${formatNumber(n)} ${n > 1 ? plural : singular}`;
}

/** One sentence per lost item: what the auditors found, in how many contacts. */
export function describeFinding(facts: Facts): string {
  const { item, answered, lost } = facts;
  const noun = contactNouns[item.channel];
  switch (item.answerType) {
    case "yes_no":
      return `${item.label} : non constaté lors de ${count(lost, noun)} sur ${formatNumber(answered)}.`;
    case "scale": {
      const notes = facts.values.filter((v): v is number => typeof v === "number");
      const mean = notes.reduce((sum, v) => sum + v, 0) / Math.max(1, notes.length);
      return `${item.label} : note moyenne de ${formatScore(Math.round(mean * 10) / 10)} sur 4 (${count(answered, noun)} évalué${answered > 1 ? "s" : ""}).`;
    }
    case "measure": {
      const best = item.thresholds?.[0];
      const target = best ? ` (objectif : ${formatNumber(best.upTo)} ${item.unit ?? ""} au plus)`.replace(" )", ")") : "";
      return `${item.label} : ${formatNumber(lost)} ${lost > 1 ? noun[1] : noun[0]} sur ${formatNumber(answered)} au-delà de l'objectif${target}.`;
    }
  }
}

function priorityOf(impact: number, effort: number): Priority {
  const value = impact / effort;
  return value >= 2 ? "haute" : value >= 0.75 ? "moyenne" : "basse";
}

/** The most frequent value of a list (ties: the first in sort order), or null when empty. */
function mostCommon<T extends string>(values: T[]): T | null {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}

export function proposeActions(input: ProposalInput): Proposal[] {
  const rules = input.rules ?? defaultProposalRules;
  const itemsByCode = new Map(input.items.map((item) => [item.code, item]));
  const facts = new Map<string, Facts>();
  let totalWeight = 0;
  for (const answer of [...input.answers].sort((a, b) => (a.auditId + a.itemCode < b.auditId + b.itemCode ? -1 : 1))) {
    const item = itemsByCode.get(answer.itemCode);
    if (!item) continue;
    const points = pointsOf(item, answer.value);
    if (points === null) continue;
    totalWeight += item.weight;
    const entry = facts.get(item.code) ?? { item, answered: 0, lost: 0, lostWeight: 0, values: [] };
    entry.answered += 1;
    entry.values.push(answer.value);
    if (points < 1) {
      entry.lost += 1;
      entry.lostWeight += item.weight * (1 - points);
    }
    facts.set(item.code, entry);
  }
  if (totalWeight === 0) return [];

  const build = (key: string, scope: { determinant: string | null; channel: ChannelCode | null }, score: number, heading: string): Proposal | null => {
    const lostFacts = [...facts.values()]
      .filter((f) => f.lost > 0 && (scope.determinant === null || f.item.determinant === scope.determinant) && (scope.channel === null || f.item.channel === scope.channel))
      .sort((a, b) => b.lostWeight - a.lostWeight || (a.item.code < b.item.code ? -1 : 1));
    const top = lostFacts[0];
    if (!top) return null;
    const impact = Math.round((1000 * lostFacts.reduce((sum, f) => sum + f.lostWeight, 0)) / totalWeight) / 10;
    const main = lostFacts.slice(0, 3);
    const effort = Math.min(3, Math.max(1, Math.round(main.reduce((sum, f) => sum + effortOfType[f.item.answerType], 0) / main.length))) as 1 | 2 | 3;
    const description = [
      `${heading} : ${formatScore(score)} / 100, sous le seuil de ${formatNumber(rules.threshold)}. Ce qui a coûté le plus de points :`,
      ...main.map((f) => `– ${describeFinding(f)}`),
      `Gain possible : jusqu'à ${formatScore(impact)} point${impact >= 2 ? "s" : ""} de score global.`,
    ].join("\n");
    return {
      key,
      title: `${heading} : ${lowerFirst(top.item.label)}`,
      description,
      determinant: scope.determinant,
      channel: scope.channel ?? (mostCommon(lostFacts.map((f) => f.item.channel)) as ChannelCode | null),
      stage: mostCommon(lostFacts.map((f) => f.item.stage)) as StageCode | null,
      score,
      impact,
      effort,
      priority: priorityOf(impact, effort),
    };
  };

  const weakDeterminants = Object.entries(input.card.determinants)
    .filter((entry): entry is [string, { score: number; answered: number; lostItems: [] }] => entry[1].score !== null && entry[1].score < rules.threshold)
    .sort((a, b) => a[1].score - b[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, rules.maxDeterminants);
  const weakChannels = (Object.entries(input.card.channels) as [ChannelCode, ScoreCard["channels"][ChannelCode]][])
    .filter((entry): entry is [ChannelCode, { score: number; answered: number; lostItems: [] }] => entry[1].score !== null && entry[1].score < rules.threshold)
    .sort((a, b) => a[1].score - b[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, rules.maxChannels);

  const proposals = [
    ...weakDeterminants.map(([code, group]) =>
      build(`determinant:${code}`, { determinant: code, channel: null }, group.score, input.determinantLabels[code] ?? code),
    ),
    ...weakChannels.map(([code, group]) => build(`canal:${code}`, { determinant: null, channel: code }, group.score, input.channelLabels[code])),
  ].filter((p): p is Proposal => p !== null);
  // Highest priority first, then the biggest gain.
  const rank: Record<Priority, number> = { haute: 0, moyenne: 1, basse: 2 };
  return proposals.sort((a, b) => rank[a.priority] - rank[b.priority] || b.impact - a.impact || (a.key < b.key ? -1 : 1));
}
