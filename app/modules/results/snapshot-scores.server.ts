import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { resultSnapshots } from "../../../db/schema";
import { LruCache } from "../../utils/lru";
import type { ScoreCard } from "../scoring/scoring";

/** What the pages read of a frozen score card: the scores and the global lost items, none of the explanations. */
export type ScoreSummary = {
  global: { score: number | null; lostItems: ScoreCard["global"]["lostItems"] };
  channels: Partial<Record<string, { score: number | null }>>;
  stages: Partial<Record<string, { score: number | null }>>;
  cells: Partial<Record<string, { score: number | null }>>;
  determinants: Partial<Record<string, { score: number | null }>>;
};

const scoresOnly = (part: Record<string, { score: number | null } | undefined>) =>
  Object.fromEntries(Object.entries(part).map(([code, value]) => [code, { score: value?.score ?? null }]));

export function summarizeScoreCard(card: ScoreCard): ScoreSummary {
  return {
    global: { score: card.global.score, lostItems: card.global.lostItems },
    channels: scoresOnly(card.channels),
    stages: scoresOnly(card.stages),
    cells: scoresOnly(card.cells),
    determinants: scoresOnly(card.determinants),
  };
}

/*
 * A result snapshot is frozen once written (a republication writes new rows, under new ids): its
 * summary is kept in process under its id, a key that never goes stale, so every instance may hold
 * its own copy. Callers get the id from a query run under the tenant's RLS context.
 */
const summaries = new LruCache<string, ScoreSummary>(2000);

/** The scores of a published snapshot; its large `scores` jsonb is read once per process. Shared: never change it. */
export async function snapshotScores(executor: Executor, snapshot: { tenantId: string; id: string }): Promise<ScoreSummary | null> {
  const cached = summaries.get(snapshot.id);
  if (cached) return cached;
  const [row] = await executor
    .select({ scores: resultSnapshots.scores })
    .from(resultSnapshots)
    .where(and(eq(resultSnapshots.tenantId, snapshot.tenantId), eq(resultSnapshots.id, snapshot.id)));
  if (!row) return null;
  const summary = summarizeScoreCard(row.scores as ScoreCard);
  summaries.set(snapshot.id, summary);
  return summary;
}
