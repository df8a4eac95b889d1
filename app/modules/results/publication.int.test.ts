import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditAnswers, audits, editions, emailOutbox, enrolments, resultSnapshots } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { addMember, enrolWithPhoneAudit, makeTenant, makeUser, phoneYesNoItems as phoneItems } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { getBenchmark, publicationOverview, publishEditionResults } from "./publication.server";
import { tenantResults } from "./results.server";
import type { TenantContext } from "../tenancy/guard.server";

useTestDatabase();

let editionId: string;
let staffId: string;

/** A structure of a category, enrolled in 2027, with one submitted phone audit answering `yes` items out of the list with "oui". */
async function auditedStructure(category: string, certified: boolean, yes: number) {
  const tenant = await makeTenant({ category, certifications: certified ? ["Qualivilles"] : [] });
  const owner = await makeUser();
  await addMember(tenant.id, owner.id, "owner");
  const { enrolment, audit } = await enrolWithPhoneAudit(tenant, 2027, yes);
  return { tenant, owner, enrolment, audit };
}

describe("publishing an edition's results", () => {
  let structures: Awaited<ReturnType<typeof auditedStructure>>[];

  beforeAll(async () => {
    await seedEditions(db());
    await seedReferentials(db());
    editionId = (await db().select().from(editions).where(eq(editions.year, 2027)))[0]!.id;
    staffId = (await makeUser()).id;
    structures = [];
    // Six towns of 20 000 to 49 999 inhabitants, four of them certified.
    for (const [index, certified] of [true, true, true, true, false, false].entries()) {
      structures.push(await auditedStructure("commune_20000_49999", certified, 3 + index));
    }
  });

  it("freezes one snapshot per structure, computes benchmarks and tells each member once", async () => {
    const outcome = await publishEditionResults(staffId, 2027);
    expect(outcome).toEqual({ ok: true, version: 1, structures: 6 });
    const first = structures[0]!;
    const [snapshot] = await db().select().from(resultSnapshots).where(eq(resultSnapshots.tenantId, first.tenant.id));
    // Three "oui" out of the phone yes/no items, weighted: 100 × Σ weights(3 first) / Σ weights.
    const total = phoneItems.reduce((sum, item) => sum + item.weight, 0);
    const won = phoneItems.slice(0, 3).reduce((sum, item) => sum + item.weight, 0);
    expect(snapshot?.globalScore).toBe(Math.round((1000 * won) / total) / 10);
    const national = await getBenchmark(db(), { editionId, version: 1, groupType: "national", groupKey: "national", measure: "global" });
    expect(national?.n).toBe(6);
    expect(national!.q1).toBeLessThanOrEqual(national!.median);
    expect(national!.median).toBeLessThanOrEqual(national!.q3);
    expect(national!.deciles).toHaveLength(9);
    const channel = await getBenchmark(db(), { editionId, version: 1, groupType: "category", groupKey: "commune_20000_49999", measure: "channel:telephone" });
    expect(channel?.n).toBe(6);
    const [enrolment] = await db().select().from(enrolments).where(eq(enrolments.id, first.enrolment.id));
    expect(enrolment?.status).toBe("results_published");
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, first.owner.email));
    expect(mails.filter((m) => m.template === "results-published")).toHaveLength(1);
  });

  it("shows a structure its own scores with its peers' figures, never another structure's", async () => {
    const first = structures[0]!;
    const ctx = {
      user: { id: first.owner.id, email: first.owner.email, name: null, emailVerified: true },
      session: { id: "s", userId: first.owner.id, createdAt: new Date(), lastVerifiedAt: new Date(), impersonating: false },
      tenant: { id: first.tenant.id, slug: first.tenant.slug, name: first.tenant.name, category: first.tenant.category, kind: "commune", certifications: [] },
      role: "owner",
    } satisfies TenantContext;
    const results = await tenantResults(ctx);
    expect(results?.year).toBe(2027);
    expect(results?.global.peers.national?.n).toBe(6);
    expect(results?.global.peers.certified).toBeNull();
    expect(results?.channels.find((c) => c.code === "telephone")?.score).toBe(results?.global.score);
    expect(results?.global.lostItems[0]?.audits[0]?.number).toBe(1);
    expect(JSON.stringify(results)).not.toContain(structures[1]!.tenant.id);
  });

  it("shows no figure for a group of 4 structures (k-anonymity)", async () => {
    expect(await getBenchmark(db(), { editionId, version: 1, groupType: "certified", groupKey: "certifiees", measure: "global" })).toBeNull();
    expect(await getBenchmark(db(), { editionId, version: 1, groupType: "certified", groupKey: "non_certifiees", measure: "global" })).toBeNull();
  });

  it("keeps a published snapshot when an answer is corrected, until the next publication", async () => {
    const first = structures[0]!;
    const before = (await db().select().from(resultSnapshots).where(eq(resultSnapshots.tenantId, first.tenant.id)))[0]!.globalScore;
    await db()
      .update(auditAnswers)
      .set({ value: "oui" })
      .where(and(eq(auditAnswers.tenantId, first.tenant.id), eq(auditAnswers.auditId, first.audit.id)));
    const still = await db().select().from(resultSnapshots).where(and(eq(resultSnapshots.tenantId, first.tenant.id), eq(resultSnapshots.version, 1)));
    expect(still[0]!.globalScore).toBe(before);
    expect(await publishEditionResults(staffId, 2027)).toEqual({ ok: true, version: 2, structures: 6 });
    const versions = await db().select().from(resultSnapshots).where(eq(resultSnapshots.tenantId, first.tenant.id)).orderBy(resultSnapshots.version);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.globalScore).toBe(before);
    expect(versions[1]!.globalScore).toBe(100);
  });

  it("leaves out a structure whose audits are not all submitted, and says what is ready", async () => {
    const late = await auditedStructure("commune_20000_49999", false, 5);
    await db().insert(audits).values({ tenantId: late.tenant.id, editionId, enrolmentId: late.enrolment.id, number: 2, channel: "courriel", scenario: "Question", status: "draft" });
    const before = (await publicationOverview()).find((e) => e.year === 2027)!;
    expect(before).toMatchObject({ enrolled: 7, ready: 6, auditsSubmitted: 7, auditsPlanned: 8, latest: { version: 2, structures: 6 } });
    expect(await publishEditionResults(staffId, 2027)).toEqual({ ok: true, version: 3, structures: 6 });
    expect(await db().select().from(resultSnapshots).where(eq(resultSnapshots.tenantId, late.tenant.id))).toEqual([]);
    const [enrolment] = await db().select().from(enrolments).where(eq(enrolments.id, late.enrolment.id));
    expect(enrolment?.status).toBe("in_audit");
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, late.owner.email));
    expect(mails).toEqual([]);
  });

  it("refuses to publish an edition where no structure is ready", async () => {
    expect(await publishEditionResults(staffId, 2023)).toEqual({ ok: false, message: "Aucune structure n'a tous ses audits validés pour l'édition 2023 : rien n'est publié." });
    expect(await publishEditionResults(staffId, 1999)).toEqual({ ok: false, message: "Aucune édition 1999." });
  });
});
