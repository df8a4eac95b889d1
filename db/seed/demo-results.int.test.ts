import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../client";
import { benchmarks, editions, publications, resultSnapshots, tenants } from "../schema";
import { useTestDatabase } from "../testing/test-database";
import { seed } from "./index";

useTestDatabase();

beforeAll(async () => {
  await seed(db());
  await seed(db()); // idempotent, demo results included
}, 120_000);

describe("demo results", () => {
  it("publishes 2022 and 2023 once, with the demo tenants among real peer town halls", async () => {
    const rows = await db().select({ year: editions.year, version: publications.version, structures: publications.structures }).from(publications).innerJoin(editions, eq(editions.id, publications.editionId));
    expect(rows.map((r) => [r.year, r.version]).sort()).toEqual([
      [2022, 1],
      [2023, 1],
    ]);
    expect(rows[0]!.structures).toBe(34);
    const [villeurbanne] = await db().select().from(tenants).where(eq(tenants.slug, "villeurbanne"));
    const snapshots = await db().select().from(resultSnapshots).where(eq(resultSnapshots.tenantId, villeurbanne!.id));
    expect(snapshots).toHaveLength(2);
    const national = await db().select().from(benchmarks).where(eq(benchmarks.measure, "global"));
    expect(national.find((b) => b.groupType === "national")?.n).toBe(34);
    const mean = national.find((b) => b.groupType === "national")!.mean;
    expect(mean).toBeGreaterThan(40);
    expect(mean).toBeLessThan(95);
  });
});
