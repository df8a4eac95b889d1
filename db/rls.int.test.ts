import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "./client";
import { inTenant } from "./tenant-context";
import { actionComments, actions, invoiceReminders, leadNotes, leads, membershipRequests, offers, orders, auditAnswers, audits, resultSnapshots, editions, emailOutbox, enrolmentTransitions, enrolments, invitations, invoices, memberships, payments, practiceBookmarks, practices } from "./schema";
import { seedEditions } from "./seed/editions";
import { addMember, makeTenant, makeUser } from "./testing/factories";
import { useTestDatabase } from "./testing/test-database";
import { recordAudit } from "../app/modules/audit-log/audit-log.server";

const testDb = useTestDatabase();

/** Tables that hold one tenant's data: every table with a tenant_id column, plus tenants itself. */
async function tenantOwnedTables(): Promise<string[]> {
  const rows = await db().execute(
    sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`,
  );
  return ["tenants", ...rowsOf<{ table_name: string }>(rows).map((r) => r.table_name)];
}

function rowsOf<T>(result: unknown): T[] {
  // drizzle returns an array on postgres-js and { rows } on PGlite
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  while (current && typeof current === "object") {
    if ("code" in current && typeof (current as { code: unknown }).code === "string") return (current as { code: string }).code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

describe(`row-level security (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let a: { id: string };
  let b: { id: string };

  beforeAll(async () => {
    await seedEditions(db());
    const [edition] = await db().select().from(editions).limit(1);
    const [practice] = await db()
      .insert(practices)
      .values({ number: 1, slug: "rls-bonne-pratique", title: "Bonne pratique", summary: "Résumé", body: "Texte", publishAt: new Date() })
      .returning();
    const [offer] = await db()
      .insert(offers)
      .values({ code: "rls-offre", kind: "formation", title: "Formation", description: "d", benefits: "b", duration: "1 jour", priceHtCents: 100, prerequisites: "aucun" })
      .returning();
    a = await makeTenant({ name: "Structure A" });
    b = await makeTenant({ name: "Structure B" });
    const userA = await makeUser();
    const userB = await makeUser();
    await addMember(a.id, userA.id, "owner");
    await addMember(b.id, userB.id, "owner");
    for (const [tenant, user] of [
      [a, userA],
      [b, userB],
    ] as const) {
      await db().insert(invitations).values({ tenantId: tenant.id, email: `invite-${tenant.id}@exemple.fr`, role: "viewer", tokenHash: `hash-${tenant.id}`, expiresAt: new Date(Date.now() + 86_400_000) });
      await recordAudit(db(), { tenantId: tenant.id, actorUserId: user.id, action: "test.seeded" });
      await db().insert(emailOutbox).values({ idempotencyKey: `test:${tenant.id}`, template: "invitation", toAddress: "x@exemple.fr", subject: "s", html: "h", text: "t", tenantId: tenant.id });
      const [enrolment] = await db()
        .insert(enrolments)
        .values({
          tenantId: tenant.id,
          editionId: edition!.id,
          category: "commune_moins_20000",
          basePriceHtCents: 100,
          totalHtCents: 100,
          vatCents: 20,
          totalTtcCents: 120,
          paymentPath: "card",
          billingContactName: "Contact",
          billingContactEmail: "contact@exemple.fr",
          billingAddress: "Adresse",
          payerSiret: "21540415300011",
          termsVersion: "CGV",
          termsAcceptedAt: new Date(),
        })
        .returning();
      await db().insert(enrolmentTransitions).values({ tenantId: tenant.id, enrolmentId: enrolment!.id, toStatus: "draft", source: "test" });
      await db().insert(payments).values({ tenantId: tenant.id, enrolmentId: enrolment!.id, method: "card", amountCents: 120 });
      const [audit] = await db()
        .insert(audits)
        .values({ tenantId: tenant.id, editionId: edition!.id, enrolmentId: enrolment!.id, number: 1, channel: "telephone", scenario: "Demande d'acte de naissance" })
        .returning();
      await db().insert(auditAnswers).values({ tenantId: tenant.id, auditId: audit!.id, itemCode: "TEL-ACC-01", value: "oui" });
      await db().insert(resultSnapshots).values({ tenantId: tenant.id, editionId: edition!.id, version: 1, category: "commune_moins_20000", certified: false, globalScore: 50, scores: {} });
      const [invoice] = await db()
        .insert(invoices)
        .values({ tenantId: tenant.id, enrolmentId: enrolment!.id, stripeInvoiceId: `in_${tenant.id}`, stripeCustomerId: "cus_x", totalHtCents: 100, vatCents: 20, totalTtcCents: 120 })
        .returning();
      await db().insert(invoiceReminders).values({ tenantId: tenant.id, invoiceId: invoice!.id, parisDay: "2026-11-23", sentTo: "finances@exemple.fr" });
      const [action] = await db().insert(actions).values({ tenantId: tenant.id, title: "Décrocher avant la 5e sonnerie" }).returning();
      await db().insert(actionComments).values({ tenantId: tenant.id, actionId: action!.id, body: "Commencé." });
      await db().insert(practiceBookmarks).values({ tenantId: tenant.id, userId: user.id, practiceId: practice!.id });
      const [order] = await db()
        .insert(orders)
        .values({ tenantId: tenant.id, reference: `CMD-RLS-${tenant.id}`, offerId: offer!.id, status: "quote_requested", billingContactName: "Contact", billingContactEmail: "contact@exemple.fr", billingAddress: "Adresse", payerSiret: "21540415300011" })
        .returning();
      const [lead] = await db().insert(leads).values({ tenantId: tenant.id, orderId: order!.id, offerId: offer!.id, title: "Demande de devis" }).returning();
      await db().insert(leadNotes).values({ tenantId: tenant.id, leadId: lead!.id, body: "Appelé." });
      const requester = await makeUser();
      await db().insert(membershipRequests).values({ tenantId: tenant.id, userId: requester.id, siret: "21540415300011" });
    }
  });

  it("forces RLS with a policy on every tenant-owned table", async () => {
    const tables = await tenantOwnedTables();
    expect(tables.length).toBeGreaterThanOrEqual(4);
    const rows = rowsOf<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(
      await db().execute(sql`
        select c.relname, c.relrowsecurity, c.relforcerowsecurity,
               (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`),
    );
    for (const table of tables) {
      const row = rows.find((r) => r.relname === table);
      expect(row, table).toBeDefined();
      expect({ table, rls: row!.relrowsecurity, forced: row!.relforcerowsecurity, hasPolicy: row!.policies > 0 }).toEqual({
        table,
        rls: true,
        forced: true,
        hasPolicy: true,
      });
    }
  });

  it("returns no row of tenant B to an unfiltered select inside tenant A's context", async () => {
    const tables = await tenantOwnedTables();
    await inTenant(db(), a.id, async (tx) => {
      for (const table of tables) {
        const column = table === "tenants" ? "id" : "tenant_id";
        const rows = rowsOf<{ owner: string }>(await tx.execute(sql.raw(`select ${column}::text as owner from ${table}`)));
        // Every tenant-owned table must be seeded above for both tenants, or this proves nothing.
        expect(rows.length, `${table} has no row of tenant A: seed it in beforeAll`).toBeGreaterThan(0);
        expect(rows.every((row) => row.owner === a.id), `${table} leaks another tenant's rows`).toBe(true);
      }
    });
  });

  it("refuses inserts carrying tenant B's id inside tenant A's context", async () => {
    const intruder = await makeUser();
    const attempt = inTenant(db(), a.id, (tx) => tx.insert(memberships).values({ tenantId: b.id, userId: intruder.id, role: "owner" }));
    await expect(attempt).rejects.toSatisfy((error: unknown) => errorCode(error) === "42501");
    const auditAttempt = inTenant(db(), a.id, (tx) => recordAudit(tx, { tenantId: b.id, actorUserId: intruder.id, action: "forged" }));
    await expect(auditAttempt).rejects.toSatisfy((error: unknown) => errorCode(error) === "42501");
  });

  it("cannot update or delete tenant B's rows from tenant A's context", async () => {
    const changed = await inTenant(db(), a.id, async (tx) => {
      const updated = rowsOf(await tx.execute(sql`update memberships set role = 'viewer' where tenant_id = ${b.id} returning 1`));
      const deleted = rowsOf(await tx.execute(sql`delete from invitations where tenant_id = ${b.id} returning 1`));
      return updated.length + deleted.length;
    });
    expect(changed).toBe(0);
    const [owner] = rowsOf<{ role: string }>(await db().execute(sql`select role from memberships where tenant_id = ${b.id}`));
    expect(owner?.role).toBe("owner");
  });

  it("sees nothing at all without a tenant context under the application role", async () => {
    const rows = await db().transaction(async (tx) => {
      await tx.execute(sql`set local role app_tenant`);
      return rowsOf(await tx.execute(sql`select * from memberships`));
    });
    expect(rows).toHaveLength(0);
  });

  it("has the context set for the callback's very first statement (sent together with it)", async () => {
    const [row] = await inTenant(db(), a.id, async (tx) =>
      rowsOf<{ setting: string; role: string }>(await tx.execute(sql`select current_setting('app.tenant_id', true) as setting, current_user::text as role`)),
    );
    expect(row).toEqual({ setting: a.id, role: "app_tenant" });
    // A context the policies cannot read (not a uuid) fails the transaction instead of reading unconfined.
    await expect(inTenant(db(), "pas-un-uuid", async (tx) => rowsOf(await tx.execute(sql`select count(*) from memberships`)))).rejects.toThrow();
  });

  it("keeps the tenant setting inside its transaction (no leak to the next one)", async () => {
    await inTenant(db(), a.id, async () => undefined);
    const [row] = rowsOf<{ setting: string | null }>(await db().execute(sql`select nullif(current_setting('app.tenant_id', true), '') as setting`));
    expect(row?.setting ?? null).toBeNull();
    expect(testDb.handle.engine).toMatch(/pglite|postgres/);
  });
});
