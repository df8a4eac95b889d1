import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { practices } from "../schema";
import { SERIES, searchVectorOf } from "../../app/modules/practices/document.server";
import { mondayNine, practiceSlug } from "../../app/modules/practices/search";
import { SCHEDULED_PRACTICES, seedPractices } from "./practices-data";

/**
 * The library of good practices, numbered 1..N: one published each past Monday at 09:00 (Paris),
 * the newest published this week, and the last few scheduled on the coming Mondays.
 * Idempotent: upserts by (series, number), so a re-run rewrites the content and the dates.
 */
export async function seedPracticeLibrary(database: Database, now = new Date()) {
  const thisMonday = mondayNine(now);
  const lastPublished = thisMonday <= now ? thisMonday : mondayNine(now, -1);
  const publishedCount = seedPractices.length - SCHEDULED_PRACTICES;
  const rows = seedPractices.map((practice, index) => {
    const number = index + 1;
    return {
      series: SERIES,
      number,
      slug: practiceSlug(practice.title),
      title: practice.title,
      summary: practice.summary,
      body: practice.body,
      themes: practice.themes,
      determinants: practice.determinants,
      channels: practice.channels,
      structureKinds: practice.structureKinds,
      sourceName: practice.sourceName ?? null,
      laureateYear: practice.laureateYear ?? null,
      publishAt: mondayNine(lastPublished, number - publishedCount),
      searchVector: searchVectorOf(practice),
    };
  });
  await database
    .insert(practices)
    .values(rows)
    .onConflictDoUpdate({
      target: [practices.series, practices.number],
      set: {
        slug: sql`excluded.slug`,
        title: sql`excluded.title`,
        summary: sql`excluded.summary`,
        body: sql`excluded.body`,
        themes: sql`excluded.themes`,
        determinants: sql`excluded.determinants`,
        channels: sql`excluded.channels`,
        structureKinds: sql`excluded.structure_kinds`,
        sourceName: sql`excluded.source_name`,
        laureateYear: sql`excluded.laureate_year`,
        publishAt: sql`excluded.publish_at`,
        searchVector: sql`excluded.search_vector`,
        updatedAt: sql`now()`,
      },
    });
}
