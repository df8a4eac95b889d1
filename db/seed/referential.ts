import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { determinants, editions, referentialItems, referentials } from "../schema";
import { determinants as seedDeterminants, referentialItems as seedItems } from "./referential-data";

/**
 * Gives every edition its referential (20 determinants, the seed items). Closed editions' referentials (past ones, and the one under audit)
 * are published (frozen); the open edition's stays editable. Idempotent: an existing referential is kept.
 */
export async function seedReferentials(database: Database) {
  const all = await database.select().from(editions).orderBy(editions.year);
  for (const edition of all) {
    const [existing] = await database.select({ id: referentials.id }).from(referentials).where(eq(referentials.editionId, edition.id));
    if (existing) continue;
    const [referential] = await database
      .insert(referentials)
      .values({ editionId: edition.id, version: edition.referentialVersion })
      .returning({ id: referentials.id });
    await database.insert(determinants).values(seedDeterminants.map((d, index) => ({ referentialId: referential!.id, code: d.code, label: d.label, description: d.description, position: index + 1 })));
    await database.insert(referentialItems).values(
      seedItems.map((item, index) => ({
        referentialId: referential!.id,
        code: item.code,
        label: item.label,
        channel: item.channel,
        stage: item.stage,
        determinant: item.determinant,
        weight: item.weight,
        answerType: item.answerType,
        unit: item.unit ?? null,
        thresholds: item.thresholds ?? null,
        source: item.source,
        position: index + 1,
      })),
    );
    // Published last: a database trigger refuses items and determinants in a published referential.
    if (edition.status === "closed") await database.update(referentials).set({ publishedAt: sql`now()` }).where(eq(referentials.id, referential!.id));
  }
}
