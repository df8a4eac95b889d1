import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { editionPrices, editions } from "../../../db/schema";

export type Edition = typeof editions.$inferSelect;

/** The edition whose enrolment is open today (at most one is expected). */
export async function getOpenEdition(executor: Executor = db()): Promise<Edition | null> {
  const today = sql`(now() at time zone 'Europe/Paris')::date`;
  const [edition] = await executor
    .select()
    .from(editions)
    .where(and(eq(editions.status, "open"), lte(editions.enrolmentOpensOn, today), gte(editions.enrolmentClosesOn, today)))
    .orderBy(desc(editions.year))
    .limit(1);
  return edition ?? null;
}

export async function getEditionPrices(editionId: string, executor: Executor = db()) {
  const rows = await executor.select().from(editionPrices).where(eq(editionPrices.editionId, editionId)).orderBy(asc(editionPrices.priceHtCents));
  return rows.map(({ category, priceHtCents }) => ({ category, priceHtCents }));
}

export async function getCategoryPrice(editionId: string, category: string, executor: Executor = db()) {
  const [row] = await executor
    .select({ priceHtCents: editionPrices.priceHtCents })
    .from(editionPrices)
    .where(and(eq(editionPrices.editionId, editionId), eq(editionPrices.category, category)));
  return row?.priceHtCents ?? null;
}

export async function listEditions() {
  return db().select().from(editions).orderBy(desc(editions.year));
}
