/**
 * Synthetic audit answers for the demo's past editions, calibrated so that the national means of
 * the scored structures match the barometer's published figures (DOMAIN.md, "Published figures").
 *
 * PURE and deterministic: the same structures, year and targets always give the same answers.
 * Every structure is really scored by the scoring module; only the answers are invented.
 */
import type { AuditPlan } from "../schema/editions";
import { CHANNELS, scoreStructure, type Answer, type AnswerValue, type Audit, type ChannelCode, type ReferentialItem, type ScoreCard } from "../../app/modules/scoring/scoring";

/** National figures to reproduce, in points out of 100. */
export type EditionTargets = {
  global: number;
  channels?: Partial<Record<ChannelCode, number>>;
  /** Mean global score of the certified structures (Qualivilles, Services Publics+…). */
  certified?: number;
};

/**
 * Published national means (2019–2021), and plausible ones for 2022–2023 whose figures were not
 * published (a slight decline, as the 2023 material on phone and e-mail suggests).
 */
export const editionTargets: Record<number, EditionTargets> = {
  2019: { global: 68.5 },
  2020: { global: 62, channels: { telephone: 81, reseaux_sociaux: 72, courriel: 63, site: 63, courrier: 50 }, certified: 69 },
  2021: { global: 67 },
  2022: { global: 66 },
  2023: { global: 65 },
};

export type SyntheticStructure = {
  key: string;
  category: string;
  certified: boolean;
  /** Lasting quality of the structure, about −0.15…+0.15 (0 for an average one). */
  effect: number;
  /** Extra quality for a given year (a laureate's good year). */
  boost?: Partial<Record<number, number>>;
};

export type GeneratedStructure = { key: string; audits: Audit[]; answers: Answer[]; card: ScoreCard };

/** A small linear congruential generator: the same demo data on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A stable 32-bit seed for a text key (FNV-1a). */
export function seedOf(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/**
 * How channels usually rank (the 2020 figures: phone first, postal mail last), as offsets from the
 * global level for the editions whose channel figures were not published.
 */
const channelProfile: Record<ChannelCode, number> = {
  telephone: 0.12,
  courriel: -0.03,
  courrier: -0.12,
  site: -0.02,
  reseaux_sociaux: 0.05,
  accueil_physique: 0.03,
};

const categoryEffects: Record<string, number> = {
  // The best 2020 scores went to cities over 50,000 inhabitants.
  commune_plus_50000: 0.04,
  commune_20000_49999: 0.01,
  commune_moins_20000: -0.02,
  intercommunalite: -0.01,
  departement: 0.01,
  region: 0.02,
  france_services: 0.03,
  developpement_attractivite: 0,
  social_sante: -0.01,
};

/** One answer whose expected points equal `quality` (yes/no, 0–4 scale or measure). */
function answerFor(item: ReferentialItem, quality: number, rand: () => number): AnswerValue {
  const roll = rand();
  if (roll < 0.04) return "na";
  const r = rand();
  switch (item.answerType) {
    case "yes_no":
      return r < quality ? "oui" : "non";
    case "scale":
      // Stochastic rounding of 4 × quality: the expected value is exactly 4 × quality.
      return Math.min(4, Math.floor(4 * quality + r));
    case "measure": {
      const thresholds = item.thresholds ?? [{ upTo: 1, points: 1 }];
      const best = thresholds[0]!;
      const last = thresholds[thresholds.length - 1]!;
      return r < quality ? Math.max(0, Math.round(best.upTo * (0.4 + rand() * 0.6))) : Math.round(last.upTo * (1.2 + rand()) + 1);
    }
  }
}

function clamp(value: number) {
  return Math.min(0.99, Math.max(0.03, value));
}

type Levels = { channels: Record<ChannelCode, number>; certified: number };

function generateOne(items: ReferentialItem[], plan: AuditPlan, year: number, structure: SyntheticStructure, levels: Levels): GeneratedStructure {
  const rand = seededRandom(seedOf(`${structure.key}:${year}`));
  const yearly = (rand() - 0.5) * 0.08;
  const audits: Audit[] = [];
  const answers: Answer[] = [];
  let number = 0;
  for (const channel of CHANNELS) {
    const quality = clamp(
      levels.channels[channel] +
        structure.effect +
        yearly +
        (categoryEffects[structure.category] ?? 0) +
        (structure.certified ? levels.certified : 0) +
        (structure.boost?.[year] ?? 0),
    );
    const channelItems = items.filter((item) => item.channel === channel);
    for (let n = 0; n < plan[channel]; n++) {
      number++;
      const id = `${structure.key}:${year}:${number}`;
      // Audits spread over May and June, one every four days.
      const date = new Date(Date.UTC(year, 4, 2 + (number - 1) * 4, 9)).toISOString();
      audits.push({ id, number, channel, date });
      for (const item of channelItems) answers.push({ auditId: id, itemCode: item.code, value: answerFor(item, quality, rand) });
    }
  }
  return { key: structure.key, audits, answers, card: scoreStructure(items, audits, answers) };
}

function mean(values: (number | null)[]) {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? 0 : present.reduce((sum, v) => sum + v, 0) / present.length;
}

/** National figures of a set of score cards, to compare with the targets. */
export function nationalMeans(generated: { card: ScoreCard; certified: boolean }[]) {
  return {
    global: mean(generated.map((g) => g.card.global.score)),
    certified: mean(generated.filter((g) => g.certified).map((g) => g.card.global.score)),
    channels: Object.fromEntries(CHANNELS.map((c) => [c, mean(generated.map((g) => g.card.channels[c].score))])) as Record<ChannelCode, number>,
  };
}

/**
 * Answers and score cards of every structure for one edition. The channel levels start from the
 * targets and are corrected a few times against the realised means (clamping and rounding bend
 * them), until every target is met within 0.3 point.
 */
export function generateEdition(
  items: ReferentialItem[],
  plan: AuditPlan,
  year: number,
  structures: SyntheticStructure[],
  targets: EditionTargets,
): GeneratedStructure[] {
  const channelTargets = targets.channels ?? {};
  const free = CHANNELS.filter((c) => channelTargets[c] === undefined);
  const levels: Levels = {
    channels: Object.fromEntries(
      CHANNELS.map((c) => [c, channelTargets[c] !== undefined ? channelTargets[c]! / 100 : targets.global / 100 + (targets.channels ? 0 : channelProfile[c])]),
    ) as Record<ChannelCode, number>,
    certified: targets.certified !== undefined ? 0.06 : 0.04,
  };
  // The share of each channel in a global score: its weighted answers (audits × item weights).
  const weightOf = (c: ChannelCode) => plan[c] * items.filter((i) => i.channel === c).reduce((sum, i) => sum + i.weight, 0);
  const totalWeight = CHANNELS.reduce((sum, c) => sum + weightOf(c), 0);
  const freeShare = free.reduce((sum, c) => sum + weightOf(c), 0) / totalWeight;

  let generated: GeneratedStructure[] = [];
  for (let pass = 0; pass < 8; pass++) {
    generated = structures.map((s) => generateOne(items, plan, year, s, levels));
    const realised = nationalMeans(generated.map((g, i) => ({ card: g.card, certified: structures[i]!.certified })));
    const gaps = [
      targets.global - realised.global,
      ...(targets.certified !== undefined ? [targets.certified - realised.certified] : []),
      ...CHANNELS.flatMap((c) => (channelTargets[c] !== undefined ? [channelTargets[c]! - realised.channels[c]] : [])),
    ];
    if (gaps.every((gap) => Math.abs(gap) < 0.3)) break;
    for (const c of CHANNELS) if (channelTargets[c] !== undefined) levels.channels[c] += (channelTargets[c]! - realised.channels[c]) / 100;
    if (targets.certified !== undefined) levels.certified += (targets.certified - realised.certified - (targets.global - realised.global)) / 100;
    if (freeShare > 0) for (const c of free) levels.channels[c] += (targets.global - realised.global) / 100 / freeShare;
  }
  return generated;
}
