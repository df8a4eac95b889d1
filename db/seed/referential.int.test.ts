import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../client";
import { determinants, editions, referentialItems, referentials } from "../schema";
import { useTestDatabase } from "../testing/test-database";
import { seedEditions } from "./editions";
import { seedReferentials } from "./referential";

useTestDatabase();

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  await seedReferentials(db()); // idempotent
});

describe("seeded referentials", () => {
  it("gives each edition one referential with 20 determinants and every channel × stage cell filled", async () => {
    const [open] = await db().select().from(editions).where(eq(editions.year, 2027));
    const rows = await db().select().from(referentials);
    expect(rows).toHaveLength(7);
    const referential = rows.find((r) => r.editionId === open!.id)!;
    expect(referential.publishedAt).toBeNull();
    expect(await db().select().from(determinants).where(eq(determinants.referentialId, referential.id))).toHaveLength(20);
    const cells = await db()
      .select({ channel: referentialItems.channel, stage: referentialItems.stage, n: sql<number>`count(*)::int` })
      .from(referentialItems)
      .where(eq(referentialItems.referentialId, referential.id))
      .groupBy(referentialItems.channel, referentialItems.stage);
    expect(cells).toHaveLength(18);
    expect(cells.reduce((sum, c) => sum + c.n, 0)).toBeGreaterThanOrEqual(150);
  });
});
