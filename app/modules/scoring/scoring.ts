/**
 * Scoring of the barometer: answers → item points → scores out of 100 (global, per channel,
 * per stage, per determinant, per channel × stage cell), each with its explanation.
 *
 * PURE module: no database, no I/O, no clock, no randomness. The same inputs, in any order,
 * always give the same (deep-equal) score card.
 *
 * Rules
 * - Item points are in [0, 1]: yes/no → oui 1, non 0; scale 0–4 → value / 4; measured value →
 *   points of the first threshold whose `upTo` ≥ value, else 0 (lower is better).
 * - "na" (not applicable) answers are removed from both the numerator and the denominator.
 * - Score of a group = 100 × Σ(weight × points) / Σ(weight) over the group's applicable answers,
 *   rounded half up to one decimal; `null` when the group has no applicable answer.
 * - An item answered in several audits counts once per answer.
 *
 * Exactness and determinism: points are quantised to millionths (`MICRO`) and every sum is an
 * integer sum, so results never depend on the order of additions, and the one-decimal rounding
 * is done on integers (no 7.249999… for a true 7.25). Scale points (quarters) are exact;
 * threshold points with more than six decimals are rounded to six.
 */

export type ChannelCode = "telephone" | "courriel" | "courrier" | "site" | "reseaux_sociaux" | "accueil_physique";
export type StageCode = "acces" | "information_orientation" | "traitement";
export type AnswerValue = "oui" | "non" | "na" | number;

export type ReferentialItem = {
  code: string;
  label: string;
  channel: ChannelCode;
  stage: StageCode;
  determinant: string;
  /** Positive integer, 1 to MAX_WEIGHT (1 by default in the referential). */
  weight: number;
  answerType: "yes_no" | "scale" | "measure";
  /** For `measure` items: sorted by `upTo` ascending, points in [0, 1] and non-increasing (lower is better). */
  thresholds?: { upTo: number; points: number }[];
};

export type Audit = { id: string; number: number; channel: ChannelCode; date: string };
export type Answer = { auditId: string; itemCode: string; value: AnswerValue };

export type LostItem = {
  itemCode: string;
  label: string;
  /** Σ weight × (1 − points) over the group's answers to this item. */
  lostPoints: number;
  /** Audits where this item lost points, sorted by date, then number, then id. */
  audits: Pick<Audit, "id" | "number" | "channel" | "date">[];
};

export type ScoreWithExplanation = {
  score: number | null;
  /** Number of applicable (non-"na") answers in the group. */
  answered: number;
  /** Items that cost the most points, by lost points desc then item code asc (top N). */
  lostItems: LostItem[];
};

export type CellKey = `${ChannelCode}:${StageCode}`;

export type ScoreCard = {
  global: ScoreWithExplanation;
  channels: Record<ChannelCode, ScoreWithExplanation>;
  stages: Record<StageCode, ScoreWithExplanation>;
  /** One entry per determinant used by the referential (keys sorted), `null` score when unanswered. */
  determinants: Record<string, ScoreWithExplanation>;
  cells: Record<CellKey, ScoreWithExplanation>;
};

export const CHANNELS: readonly ChannelCode[] = ["telephone", "courriel", "courrier", "site", "reseaux_sociaux", "accueil_physique"];
export const STAGES: readonly StageCode[] = ["acces", "information_orientation", "traitement"];
export const DEFAULT_TOP_LOST = 5;

/** Points are handled internally as integers in millionths. */
const MICRO = 1_000_000;
/** Keeps every integer sum far below Number.MAX_SAFE_INTEGER (weight × MICRO × thousands of answers). */
export const MAX_WEIGHT = 1000;

const channelSet: ReadonlySet<string> = new Set(CHANNELS);
const stageSet: ReadonlySet<string> = new Set(STAGES);

/** Code-point comparison: independent of the runtime's locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

function validateItem(item: ReferentialItem): void {
  const where = `item ${show(item.code)}`;
  if (typeof item.code !== "string" || item.code === "") throw new Error(`Scoring : item sans code (${show(item.label)})`);
  if (!channelSet.has(item.channel)) throw new Error(`Scoring : canal inconnu ${show(item.channel)} pour l'${where}`);
  if (!stageSet.has(item.stage)) throw new Error(`Scoring : étape inconnue ${show(item.stage)} pour l'${where}`);
  if (typeof item.determinant !== "string" || item.determinant === "") throw new Error(`Scoring : déterminant manquant pour l'${where}`);
  if (!Number.isInteger(item.weight) || item.weight <= 0 || item.weight > MAX_WEIGHT) {
    throw new Error(`Scoring : poids ${show(item.weight)} invalide pour l'${where} (entier de 1 à ${MAX_WEIGHT} attendu)`);
  }
  if (item.answerType === "measure") {
    const thresholds = item.thresholds;
    if (!thresholds || thresholds.length === 0) throw new Error(`Scoring : l'${where} (mesure) n'a pas de seuils`);
    let previous: { upTo: number; points: number } | undefined;
    for (const threshold of thresholds) {
      if (!Number.isFinite(threshold.upTo)) throw new Error(`Scoring : seuil ${show(threshold.upTo)} invalide pour l'${where}`);
      if (!Number.isFinite(threshold.points) || threshold.points < 0 || threshold.points > 1) {
        throw new Error(`Scoring : points ${show(threshold.points)} hors de [0, 1] pour l'${where}`);
      }
      if (previous && threshold.upTo <= previous.upTo) throw new Error(`Scoring : seuils non triés par valeur croissante pour l'${where}`);
      // Lower is better: a smaller measure must never earn fewer points.
      if (previous && threshold.points > previous.points) throw new Error(`Scoring : points croissants entre seuils pour l'${where}`);
      previous = threshold;
    }
  } else if (item.answerType !== "yes_no" && item.answerType !== "scale") {
    throw new Error(`Scoring : type de réponse inconnu ${show(item.answerType)} pour l'${where}`);
  }
}

function wrongValue(item: ReferentialItem, value: AnswerValue, expected: string) {
  return new TypeError(`Scoring : valeur ${show(value)} invalide pour l'item ${show(item.code)} (${expected} attendu)`);
}

/** Points of an already validated item; `null` = not applicable. */
function pointsOf(item: ReferentialItem, value: AnswerValue): number | null {
  if (value === "na") return null;
  switch (item.answerType) {
    case "yes_no":
      if (value === "oui") return 1;
      if (value === "non") return 0;
      throw wrongValue(item, value, `"oui", "non" ou "na"`);
    case "scale":
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 4) throw wrongValue(item, value, `un entier de 0 à 4 ou "na"`);
      return value / 4;
    case "measure": {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw wrongValue(item, value, `une mesure positive ou "na"`);
      for (const threshold of item.thresholds ?? []) if (value <= threshold.upTo) return threshold.points;
      return 0;
    }
  }
}

/**
 * Points earned by one answer, in [0, 1]; `null` when not applicable ("na").
 * Throws when the value has the wrong type for the item (or the item itself is malformed).
 */
export function itemPoints(item: ReferentialItem, value: AnswerValue): number | null {
  validateItem(item);
  return pointsOf(item, value);
}

/** 100 × num / den (num in micro-points, den in weight units), rounded half up to one decimal. */
function roundedScore(numMicro: number, den: number): number {
  // tenths = floor(1000 × num / (den × MICRO) + 1/2), computed exactly on integers.
  const d = BigInt(den) * BigInt(MICRO);
  const tenths = (2000n * BigInt(numMicro) + d) / (2n * d);
  return Number(tenths) / 10;
}

type AuditRef = Pick<Audit, "id" | "number" | "channel" | "date">;
type Loss = { item: ReferentialItem; lostMicro: number; audits: AuditRef[] };
type Accumulator = { numMicro: number; den: number; answered: number; losses: Map<string, Loss> };

function newAccumulator(): Accumulator {
  return { numMicro: 0, den: 0, answered: 0, losses: new Map() };
}

function compareAudits(a: AuditRef, b: AuditRef): number {
  return compareStrings(a.date, b.date) || a.number - b.number || compareStrings(a.id, b.id);
}

function explain(acc: Accumulator, topLost: number): ScoreWithExplanation {
  const lostItems = [...acc.losses.values()]
    .sort((a, b) => b.lostMicro - a.lostMicro || compareStrings(a.item.code, b.item.code))
    .slice(0, topLost)
    .map((loss) => ({
      itemCode: loss.item.code,
      label: loss.item.label,
      lostPoints: loss.lostMicro / MICRO,
      audits: [...loss.audits].sort(compareAudits).map((a) => ({ id: a.id, number: a.number, channel: a.channel, date: a.date })),
    }));
  return { score: acc.den === 0 ? null : roundedScore(acc.numMicro, acc.den), answered: acc.answered, lostItems };
}

/**
 * Scores one structure from its audits and answers against the edition's referential.
 *
 * Throws (naming the culprit) on: an answer to an unknown item or audit, an answer whose item
 * belongs to another channel than its audit, two answers to the same item in the same audit,
 * duplicate item codes or audit ids, a malformed item, a value of the wrong type.
 */
export function scoreStructure(
  items: ReferentialItem[],
  audits: Audit[],
  answers: Answer[],
  options: { topLost?: number } = {},
): ScoreCard {
  const topLost = options.topLost ?? DEFAULT_TOP_LOST;
  if (!Number.isSafeInteger(topLost) || topLost < 0) throw new Error(`Scoring : topLost ${show(topLost)} invalide`);

  const itemsByCode = new Map<string, ReferentialItem>();
  for (const item of items) {
    validateItem(item);
    if (itemsByCode.has(item.code)) throw new Error(`Scoring : code d'item en double ${show(item.code)}`);
    itemsByCode.set(item.code, item);
  }
  const auditsById = new Map<string, Audit>();
  for (const audit of audits) {
    if (!channelSet.has(audit.channel)) throw new Error(`Scoring : canal inconnu ${show(audit.channel)} pour l'audit ${show(audit.id)}`);
    if (auditsById.has(audit.id)) throw new Error(`Scoring : identifiant d'audit en double ${show(audit.id)}`);
    auditsById.set(audit.id, audit);
  }

  // Validate every answer before scoring anything, and sort by stable keys so that the input
  // order can never change a result (nor the order of audits listed in explanations).
  const resolved: { audit: Audit; item: ReferentialItem; value: AnswerValue }[] = [];
  const seen = new Map<string, Set<string>>(); // audit id → codes of the items answered in it
  for (const answer of answers) {
    const item = itemsByCode.get(answer.itemCode);
    if (!item) throw new Error(`Scoring : réponse à un item inconnu ${show(answer.itemCode)} (audit ${show(answer.auditId)})`);
    const audit = auditsById.get(answer.auditId);
    if (!audit) throw new Error(`Scoring : réponse à un audit inconnu ${show(answer.auditId)} (item ${show(answer.itemCode)})`);
    if (item.channel !== audit.channel) {
      throw new Error(
        `Scoring : l'item ${show(item.code)} (canal ${item.channel}) est répondu dans l'audit ${show(audit.id)} (canal ${audit.channel})`,
      );
    }
    let answered = seen.get(audit.id);
    if (!answered) seen.set(audit.id, (answered = new Set()));
    if (answered.has(item.code)) throw new Error(`Scoring : l'item ${show(item.code)} est répondu deux fois dans l'audit ${show(audit.id)}`);
    answered.add(item.code);
    resolved.push({ audit, item, value: answer.value });
  }
  resolved.sort((a, b) => compareStrings(a.audit.id, b.audit.id) || compareStrings(a.item.code, b.item.code));

  const global = newAccumulator();
  const channels = new Map<ChannelCode, Accumulator>(CHANNELS.map((c) => [c, newAccumulator()]));
  const stages = new Map<StageCode, Accumulator>(STAGES.map((s) => [s, newAccumulator()]));
  const determinantCodes = [...new Set(items.map((i) => i.determinant))].sort(compareStrings);
  const determinants = new Map<string, Accumulator>(determinantCodes.map((d) => [d, newAccumulator()]));
  const cellKeys = CHANNELS.flatMap((c) => STAGES.map((s): CellKey => `${c}:${s}`));
  const cells = new Map<CellKey, Accumulator>(cellKeys.map((k) => [k, newAccumulator()]));
  // The five groups an item counts in, looked up once per item rather than once per answer
  // (every key exists: channels and stages are validated, determinants come from the items).
  const groupsOf = new Map<ReferentialItem, Accumulator[]>();
  for (const item of itemsByCode.values()) {
    groupsOf.set(item, [global, channels.get(item.channel)!, stages.get(item.stage)!, determinants.get(item.determinant)!, cells.get(`${item.channel}:${item.stage}`)!]);
  }

  for (const { audit, item, value } of resolved) {
    const points = pointsOf(item, value);
    if (points === null) continue; // not applicable: out of numerator AND denominator
    const micro = Math.round(points * MICRO);
    const earnedMicro = item.weight * micro;
    const lostMicro = item.weight * (MICRO - micro);
    for (const acc of groupsOf.get(item)!) {
      acc.numMicro += earnedMicro;
      acc.den += item.weight;
      acc.answered += 1;
      if (lostMicro > 0) {
        // The audit itself is listed: explain() copies only the four fields it shows.
        const loss = acc.losses.get(item.code);
        if (loss) {
          loss.lostMicro += lostMicro;
          loss.audits.push(audit);
        } else {
          acc.losses.set(item.code, { item, lostMicro, audits: [audit] });
        }
      }
    }
  }

  const out = <K extends string>(map: Map<K, Accumulator>) =>
    Object.fromEntries([...map].map(([key, acc]) => [key, explain(acc, topLost)])) as Record<K, ScoreWithExplanation>;

  return {
    // The global score is computed over ALL applicable answers (weighted), not as the mean of the
    // channel scores: each of the 13 contacts counts for what it holds, so a channel audited four
    // times (telephone) weighs more than one audited once (postal mail), and a structure without
    // the optional on-site visit is neither favoured nor penalised by an empty channel.
    global: explain(global, topLost),
    channels: out(channels),
    stages: out(stages),
    determinants: out(determinants),
    cells: out(cells),
  };
}
