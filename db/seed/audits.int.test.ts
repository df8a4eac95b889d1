import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../client";
import { auditAnswers, audits, editions, enrolments, tenants, users } from "../schema";
import { useTestDatabase } from "../testing/test-database";
import { auditProgress } from "../../app/modules/audits/audits.server";
import { seed } from "./index";

useTestDatabase();

beforeAll(async () => {
  await seed(db());
  await seed(db()); // idempotent
}, 120_000);

describe("demo audits", () => {
  it("gives Pagny-sur-Moselle 9 submitted audits out of 13, all assigned to the demo auditor", async () => {
    const [pagny] = await db().select().from(tenants).where(eq(tenants.slug, "pagny-sur-moselle"));
    const [edition] = await db().select().from(editions).where(eq(editions.year, 2027));
    const [auditor] = await db().select().from(users).where(eq(users.email, "auditeur@afnor.example"));
    expect(await auditProgress(pagny!.id, edition!.id)).toEqual({ done: 9, planned: 13 });
    const [enrolment] = await db().select().from(enrolments).where(and(eq(enrolments.tenantId, pagny!.id), eq(enrolments.editionId, edition!.id)));
    expect(enrolment?.status).toBe("in_audit");
    const rows = await db().select().from(audits).where(and(eq(audits.tenantId, pagny!.id), eq(audits.editionId, edition!.id)));
    expect(rows.every((a) => a.auditorUserId === auditor!.id)).toBe(true);
    const answers = await db().select().from(auditAnswers).where(eq(auditAnswers.tenantId, pagny!.id));
    const values = new Set(answers.map((a) => a.value));
    for (const value of ["oui", "non", "na", "3", "4"]) expect(values).toContain(value);
    expect(answers.some((a) => a.measuredValue !== null)).toBe(true);
    // Villeurbanne and Lambersart enrol in 2027 during the journeys: nothing of theirs is seeded
    // (a peer's unpaid enrolment is, for the unpaid follow-up: see unpaid.ts).
    const others = await db().select().from(enrolments).innerJoin(tenants, eq(tenants.id, enrolments.tenantId)).where(eq(enrolments.editionId, edition!.id));
    expect(others.map((row) => row.tenants.slug).filter((slug) => !slug.startsWith("temoin-"))).toEqual(["pagny-sur-moselle"]);
    expect(others.filter((row) => row.enrolments.status === "confirmed")).toHaveLength(1);
  });
});
