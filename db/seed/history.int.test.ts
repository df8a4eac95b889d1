import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../client";
import { audits, benchmarks, editions, enrolments, publications, resultSnapshots, tenants, users } from "../schema";
import { useTestDatabase } from "../testing/test-database";
import { seed } from "./index";

useTestDatabase();

beforeAll(async () => {
  await seed(db());
  await seed(db()); // idempotent: nothing published or enrolled twice
}, 240_000);

async function national(year: number, measure: string, groupType: "national" | "certified" = "national", groupKey = "national") {
  const [row] = await db()
    .select({ n: benchmarks.n, mean: benchmarks.mean })
    .from(benchmarks)
    .innerJoin(editions, eq(editions.id, benchmarks.editionId))
    .where(and(eq(editions.year, year), eq(benchmarks.groupType, groupType), eq(benchmarks.groupKey, groupKey), eq(benchmarks.measure, measure)));
  return row!;
}

describe("demo history", () => {
  it("publishes 2019–2023 once each, with the published participation", async () => {
    const rows = await db()
      .select({ year: editions.year, version: publications.version, structures: publications.structures })
      .from(publications)
      .innerJoin(editions, eq(editions.id, publications.editionId))
      .orderBy(editions.year);
    expect(rows).toEqual([
      { year: 2019, version: 1, structures: 230 },
      { year: 2020, version: 1, structures: 321 },
      { year: 2021, version: 1, structures: 349 },
      { year: 2022, version: 1, structures: 302 },
      { year: 2023, version: 1, structures: 312 },
    ]);
  });

  it("matches the national means published for 2019–2021 (within half a point)", async () => {
    expect((await national(2019, "global")).mean).toBeCloseTo(68.5, 0);
    expect((await national(2020, "global")).mean).toBeCloseTo(62, 0);
    expect((await national(2021, "global")).mean).toBeCloseTo(67, 0);
    const published2020 = { telephone: 81, reseaux_sociaux: 72, courriel: 63, site: 63, courrier: 50 };
    for (const [channel, mean] of Object.entries(published2020)) {
      expect(Math.abs((await national(2020, `channel:${channel}`)).mean - mean), channel).toBeLessThan(0.5);
    }
    expect(Math.abs((await national(2020, "global", "certified", "certifiees")).mean - 69)).toBeLessThan(0.5);
  });

  it("gives every category of every edition a group of at least 5 structures", async () => {
    const groups = await db()
      .select({ year: editions.year, key: benchmarks.groupKey, n: benchmarks.n })
      .from(benchmarks)
      .innerJoin(editions, eq(editions.id, benchmarks.editionId))
      .where(and(eq(benchmarks.groupType, "category"), eq(benchmarks.measure, "global")));
    expect(new Set(groups.map((g) => g.key)).size).toBe(9);
    expect(groups.filter((g) => g.n < 5)).toEqual([]);
  });

  it("gives Villeurbanne five published editions and the 2026 one under audit, its last audit left to the demo auditor", async () => {
    const [villeurbanne] = await db().select().from(tenants).where(eq(tenants.slug, "villeurbanne"));
    const snapshots = await db().select({ year: editions.year }).from(resultSnapshots).innerJoin(editions, eq(editions.id, resultSnapshots.editionId)).where(eq(resultSnapshots.tenantId, villeurbanne!.id));
    expect(snapshots.map((s) => s.year).sort()).toEqual([2019, 2020, 2021, 2022, 2023]);
    const [edition2026] = await db().select().from(editions).where(eq(editions.year, 2026));
    const [enrolment] = await db().select().from(enrolments).where(and(eq(enrolments.tenantId, villeurbanne!.id), eq(enrolments.editionId, edition2026!.id)));
    expect(enrolment?.status).toBe("in_audit");
    const rows = await db().select().from(audits).where(and(eq(audits.tenantId, villeurbanne!.id), eq(audits.editionId, edition2026!.id))).orderBy(audits.number);
    expect(rows.filter((a) => a.status === "submitted")).toHaveLength(12);
    const [auditor] = await db().select().from(users).where(eq(users.email, "auditeur@afnor.example"));
    expect(rows[12]).toMatchObject({ number: 13, status: "planned", auditorUserId: auditor!.id });
  });
});
