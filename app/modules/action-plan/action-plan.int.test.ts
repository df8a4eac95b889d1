import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { actionComments, actions, editions, resultSnapshots } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { addMember, enrolWithPhoneAudit, makeTenant, makeUser, phoneYesNoItems } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { publishEditionResults } from "../results/publication.server";
import type { ScoreCard } from "../scoring/scoring";
import type { TenantContext } from "../tenancy/guard.server";
import type { MemberRole } from "../tenancy/permissions";
import { addComment, createAction, deleteAction, getAction, listPlan, updateAction } from "./action-plan.server";

useTestDatabase();

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
type User = Awaited<ReturnType<typeof makeUser>>;

function contextOf(tenant: Tenant, user: User, role: MemberRole): TenantContext {
  return {
    user: { id: user.id, email: user.email, name: user.name, emailVerified: true },
    session: { id: "s", userId: user.id, createdAt: new Date(), lastVerifiedAt: new Date(), impersonating: false },
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, category: tenant.category, kind: tenant.kind, certifications: tenant.certifications },
    role,
  };
}

const planOf = (tenant: Tenant) => db().select().from(actions).where(and(eq(actions.tenantId, tenant.id), isNull(actions.deletedAt))).orderBy(actions.createdAt, actions.id);

let staff: User;
let alpha: Tenant, beta: Tenant;
let alice: User, mark: User, vera: User, bert: User;
let ctxAlpha: TenantContext, ctxBeta: TenantContext;

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  staff = await makeUser();
  alpha = await makeTenant({ name: "Ville d'Alpha" });
  beta = await makeTenant({ name: "Ville de Bêta" });
  [alice, mark, vera, bert] = [await makeUser({ name: "Alice" }), await makeUser({ name: "Marc" }), await makeUser({ name: "Véra" }), await makeUser({ name: "Bert" })];
  await addMember(alpha.id, alice.id, "owner");
  await addMember(alpha.id, mark.id, "member");
  await addMember(alpha.id, vera.id, "viewer");
  await addMember(beta.id, bert.id, "owner");
  ctxAlpha = contextOf(alpha, alice, "owner");
  ctxBeta = contextOf(beta, bert, "owner");
  await enrolWithPhoneAudit(alpha, 2026, 4);
  await enrolWithPhoneAudit(beta, 2026, 6);
});

describe("the action plan", () => {
  it("is proposed at publication, and publishing again never duplicates it nor undoes an edit", async () => {
    expect(await publishEditionResults(staff.id, 2026)).toMatchObject({ ok: true, version: 1 });
    const first = await planOf(alpha);
    expect(first.length).toBeGreaterThan(1);
    expect(new Set(first.map((a) => a.proposalKey)).size).toBe(first.length);
    expect(first.every((a) => a.status === "a_faire" && a.baselineScore !== null && a.baselineScore < 70)).toBe(true);

    const edited = first[0]!;
    expect(await updateAction(ctxAlpha, edited.id, { title: "Script d'accueil revu avec l'équipe", status: "en_cours", ownerUserId: mark.id, dueOn: "2026-12-15" })).toMatchObject({ ok: true });

    expect(await publishEditionResults(staff.id, 2026)).toMatchObject({ ok: true, version: 2 });
    expect(await publishEditionResults(staff.id, 2026)).toMatchObject({ ok: true, version: 3 });
    const again = await planOf(alpha);
    expect(again.map((a) => a.id)).toEqual(first.map((a) => a.id));
    expect(again[0]).toMatchObject({ title: "Script d'accueil revu avec l'équipe", status: "en_cours", ownerUserId: mark.id, dueOn: "2026-12-15" });
    expect((await planOf(beta)).every((a) => a.tenantId === beta.id)).toBe(true);

    // A proposal the structure deleted stays deleted when the edition is published again.
    const dismissed = again[again.length - 1]!;
    expect(await deleteAction(ctxAlpha, dismissed.id)).toBe(true);
    expect(await getAction(ctxAlpha, dismissed.id)).toBeNull();
    expect(await publishEditionResults(staff.id, 2026)).toMatchObject({ ok: true, version: 4 });
    expect((await listPlan(ctxAlpha)).actions.map((a) => a.id).sort()).toEqual(again.slice(0, -1).map((a) => a.id).sort());
  });

  it("measures progress: done share without the abandoned actions, late ones counted", async () => {
    const plan = await planOf(alpha);
    const [done, abandoned, late] = plan;
    await updateAction(ctxAlpha, done!.id, { status: "fait" });
    await updateAction(ctxAlpha, abandoned!.id, { status: "abandonne", dueOn: "2026-01-01" });
    await updateAction(ctxAlpha, late!.id, { status: "en_cours", dueOn: "2026-11-20" });
    const today = new Date("2026-11-25T10:00:00Z");

    const { progress, actions: listed } = await listPlan(ctxAlpha, {}, "priorite", today);
    expect(listed).toHaveLength(plan.length);
    // Neither the done action nor the abandoned one (due in January) counts as late.
    expect(progress).toEqual({ total: plan.length, active: plan.length - 1, done: 1, doneShare: 1 / (plan.length - 1), overdue: 1 });
    expect(listed.find((a) => a.id === late!.id)?.overdue).toBe(true);

    const filtered = await listPlan(ctxAlpha, { overdue: true }, "priorite", today);
    expect(filtered.actions.map((a) => a.id)).toEqual([late!.id]);
    expect(filtered.progress).toEqual(progress);
  });

  it("shows 'avant / après': the score when proposed and the one of the latest edition", async () => {
    const before = await listPlan(ctxAlpha);
    expect(before.actions.every((a) => a.editionYear === 2026 && a.after === null && a.afterYear === null)).toBe(true);

    await enrolWithPhoneAudit(alpha, 2027, phoneYesNoItems.length - 2);
    expect(await publishEditionResults(staff.id, 2027)).toMatchObject({ ok: true, version: 1, structures: 1 });
    const [snapshot] = await db()
      .select({ scores: resultSnapshots.scores })
      .from(resultSnapshots)
      .innerJoin(editions, eq(editions.id, resultSnapshots.editionId))
      .where(and(eq(resultSnapshots.tenantId, alpha.id), eq(editions.year, 2027)));
    const card = snapshot!.scores as ScoreCard;

    const { actions: listed } = await listPlan(ctxAlpha);
    const older = listed.filter((a) => a.editionYear === 2026);
    expect(older.length).toBeGreaterThan(1);
    for (const action of older) {
      const latest = action.determinant ? card.determinants[action.determinant]!.score : card.channels[action.channel as keyof ScoreCard["channels"]].score;
      expect(action).toMatchObject({ before: action.baselineScore, after: latest, afterYear: 2027 });
    }
    expect(older.some((a) => a.after! > a.before!)).toBe(true);
    // What 2027 itself proposes has no "après" yet, nor has an action the structure wrote.
    expect(listed.filter((a) => a.editionYear === 2027).every((a) => a.after === null)).toBe(true);
    const written = await createAction(ctxAlpha, { title: "Former les agents d'accueil", description: "", status: "a_faire", priority: "haute", ownerUserId: null, dueOn: null, channel: null });
    expect(written).toMatchObject({ ok: true });
    const mine = (await listPlan(ctxAlpha)).actions.find((a) => a.id === (written as { id: string }).id);
    expect(mine).toMatchObject({ editionYear: null, before: null, after: null });
  });

  it("gives another structure nothing of it, even with a forged action id", async () => {
    const [target] = await planOf(alpha);
    const comments = await db().select().from(actionComments).where(eq(actionComments.actionId, target!.id));

    expect(await getAction(ctxBeta, target!.id)).toBeNull();
    expect(await updateAction(ctxBeta, target!.id, { title: "Piraté", status: "fait" })).toBeNull();
    expect(await addComment(ctxBeta, target!.id, "Piraté")).toBe(false);
    expect(await deleteAction(ctxBeta, target!.id)).toBe(false);
    expect((await listPlan(ctxBeta)).actions.some((a) => a.tenantId === alpha.id)).toBe(false);
    // Row-level security refuses it too, without the tenant filter the functions add.
    await inTenant(db(), beta.id, async (tx) => {
      expect(await tx.select().from(actions).where(eq(actions.id, target!.id))).toEqual([]);
      expect(await tx.update(actions).set({ title: "Piraté" }).where(eq(actions.id, target!.id)).returning()).toEqual([]);
      expect(await tx.delete(actions).where(eq(actions.id, target!.id)).returning()).toEqual([]);
    });

    const [after] = await db().select().from(actions).where(eq(actions.id, target!.id));
    expect(after).toEqual(target);
    expect(await db().select().from(actionComments).where(eq(actionComments.actionId, target!.id))).toEqual(comments);
    // Its own members still reach it.
    expect((await getAction(ctxAlpha, target!.id))?.id).toBe(target!.id);
    expect(await addComment(contextOf(alpha, mark, "member"), target!.id, "Point d'étape fait.")).toBe(true);
  });

  it("assigns an action only to a member who can act on the plan", async () => {
    const [target] = await planOf(alpha);
    const refused = { ok: false, field: "ownerUserId", message: "Choisissez un responsable parmi les membres qui peuvent agir sur le plan." };
    expect(await updateAction(ctxAlpha, target!.id, { ownerUserId: vera.id })).toEqual(refused);
    expect(await updateAction(ctxAlpha, target!.id, { ownerUserId: bert.id })).toEqual(refused);
    expect(await createAction(ctxAlpha, { title: "Une action", description: "", status: "a_faire", priority: "moyenne", ownerUserId: bert.id, dueOn: null, channel: null })).toEqual(refused);
    expect((await db().select().from(actions).where(eq(actions.id, target!.id)))[0]!.ownerUserId).toBe(target!.ownerUserId);
    expect(await updateAction(ctxAlpha, target!.id, { ownerUserId: alice.id })).toMatchObject({ ok: true });
  });
});
