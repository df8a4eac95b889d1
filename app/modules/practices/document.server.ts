import { sql, type SQL } from "drizzle-orm";
import { foldAccents, markdownToText } from "./search";

/** The only series so far: the weekly "Bonne pratique n° …". */
export const SERIES = "bonnes-pratiques";

/**
 * A draft has no publication date, but `publish_at` is NOT NULL: drafts sit at this far-future
 * sentinel, so every "published" query (`publish_at <= now`) ignores them without a special case.
 */
export const DRAFT_PUBLISH_AT = new Date("9999-12-31T00:00:00.000Z");

/**
 * The French full-text document of a practice, built from accent-folded text (title A, summary B,
 * body C): folding in code gives the same result on PostgreSQL and PGlite without `unaccent`.
 */
export function searchVectorOf(input: { title: string; summary: string; body: string }): SQL {
  return sql`setweight(to_tsvector('french', ${foldAccents(input.title)}), 'A') || setweight(to_tsvector('french', ${foldAccents(input.summary)}), 'B') || setweight(to_tsvector('french', ${foldAccents(markdownToText(input.body))}), 'C')`;
}
