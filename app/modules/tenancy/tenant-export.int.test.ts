import { parse } from "csv-parse/sync";
import { and, eq, sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import {
  actionComments,
  actions,
  auditAnswers,
  auditLog,
  audits,
  enrolmentTransitions,
  enrolments,
  invitations,
  invoices,
  laureates,
  membershipRequests,
  memberships,
  orders,
  payments,
  practiceBookmarks,
  practices,
  resultSnapshots,
  tenants,
  users,
} from "../../../db/schema";
import { seed } from "../../../db/seed";
import { useTestDatabase } from "../../../db/testing/test-database";
import type { TenantContext } from "./guard.server";
import { buildTenantExport, exportTables, type ExportTableName } from "./tenant-export.server";

useTestDatabase();

let tenant: typeof tenants.$inferSelect;
let other: typeof tenants.$inferSelect;
let ownerId: string;

/** The rows of each file, counted in the database in the system context (no RLS). */
async function databaseCounts(tenantId: string): Promise<Record<ExportTableName, number>> {
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
  const count = sql<number>`count(*)::int`;
  return {
    structure: await n(db().select({ n: count }).from(tenants).where(eq(tenants.id, tenantId))),
    membres: await n(db().select({ n: count }).from(memberships).where(eq(memberships.tenantId, tenantId))),
    invitations: await n(db().select({ n: count }).from(invitations).where(eq(invitations.tenantId, tenantId))),
    "demandes-acces": await n(db().select({ n: count }).from(membershipRequests).where(eq(membershipRequests.tenantId, tenantId))),
    inscriptions: await n(db().select({ n: count }).from(enrolments).where(eq(enrolments.tenantId, tenantId))),
    "inscriptions-historique": await n(db().select({ n: count }).from(enrolmentTransitions).where(eq(enrolmentTransitions.tenantId, tenantId))),
    factures: await n(db().select({ n: count }).from(invoices).where(eq(invoices.tenantId, tenantId))),
    paiements: await n(db().select({ n: count }).from(payments).where(eq(payments.tenantId, tenantId))),
    commandes: await n(db().select({ n: count }).from(orders).where(eq(orders.tenantId, tenantId))),
    audits: await n(db().select({ n: count }).from(audits).where(eq(audits.tenantId, tenantId))),
    "audits-reponses": await n(db().select({ n: count }).from(auditAnswers).where(eq(auditAnswers.tenantId, tenantId))),
    resultats: await n(db().select({ n: count }).from(resultSnapshots).where(eq(resultSnapshots.tenantId, tenantId))),
    "plan-action": await n(db().select({ n: count }).from(actions).where(eq(actions.tenantId, tenantId))),
    "plan-action-commentaires": await n(db().select({ n: count }).from(actionComments).where(eq(actionComments.tenantId, tenantId))),
    favoris: await n(db().select({ n: count }).from(practiceBookmarks).where(eq(practiceBookmarks.tenantId, tenantId))),
    vitrine: await n(db().select({ n: count }).from(laureates).where(eq(laureates.linkedTenantId, tenantId))),
    journal: await n(db().select({ n: count }).from(auditLog).where(eq(auditLog.tenantId, tenantId))),
  };
}

function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysDeep(item, into);
  else if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysDeep(inner, into);
    }
  return into;
}

beforeAll(async () => {
  await seed(db());
  tenant = (await db().select().from(tenants).where(eq(tenants.slug, "villeurbanne")))[0]!;
  other = (await db().select().from(tenants).where(eq(tenants.slug, "lambersart")))[0]!;
  ownerId = (await db().select().from(users).where(eq(users.email, "qualite@villeurbanne.example")))[0]!.id;
  for (const t of [tenant, other]) {
    await db().insert(invitations).values({ tenantId: t.id, email: `invite@${t.slug}.example`, role: "viewer", tokenHash: `secret-token-hash-${t.slug}`, expiresAt: new Date(Date.now() + 86_400_000) });
    const [enrolment] = await db().select().from(enrolments).where(eq(enrolments.tenantId, t.id)).limit(1);
    const [requester] = await db().insert(users).values({ email: `demande@${t.slug}.example`, name: "Agent ProConnect", proconnectSiret: t.siret }).returning();
    await db().insert(membershipRequests).values({ tenantId: t.id, userId: requester!.id, siret: t.siret });
    await db().insert(payments).values({ tenantId: t.id, enrolmentId: enrolment!.id, method: "card", status: "pending", amountCents: 1_000, checkoutUrl: `https://checkout.stripe.com/c/pay/cs_secret_${t.slug}` });
  }
  const [practice] = await db().select().from(practices).limit(1);
  await db().insert(practiceBookmarks).values({ tenantId: tenant.id, userId: ownerId, practiceId: practice!.id });
});

describe("a structure's data export", () => {
  it("zips donnees.json, one CSV per table and LISEZMOI.txt, with exactly the structure's rows", async () => {
    const ctx = { user: { id: ownerId }, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, category: tenant.category, kind: tenant.kind, certifications: tenant.certifications }, role: "owner" } as unknown as TenantContext;
    const expected = await databaseCounts(tenant.id);
    const { zip, filename, counts } = await buildTenantExport(ctx, new Date("2027-03-15T09:30:00Z"));
    expect(filename).toBe("donnees-villeurbanne-2027-03-15.zip");

    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["LISEZMOI.txt", "donnees.json", ...exportTables.map(([file]) => `${file}.csv`)].sort());

    // The test has something to compare: the demo structure has a full history.
    for (const table of ["membres", "invitations", "demandes-acces", "inscriptions", "inscriptions-historique", "audits", "audits-reponses", "resultats", "plan-action", "plan-action-commentaires", "favoris", "vitrine", "journal", "paiements"] as const)
      expect(expected[table], table).toBeGreaterThan(0);

    const json = JSON.parse(strFromU8(files["donnees.json"]!)) as Record<string, unknown>;
    for (const [file] of exportTables) {
      const rows = json[file] as Record<string, unknown>[];
      expect(rows, file).toHaveLength(expected[file]);
      expect(counts[file]).toBe(expected[file]);
      const bytes = files[`${file}.csv`]!;
      expect([...bytes.slice(0, 3)], `${file}.csv BOM`).toEqual([0xef, 0xbb, 0xbf]);
      const records = parse(strFromU8(bytes), { bom: true, delimiter: ";", columns: true, skip_empty_lines: true }) as Record<string, string>[];
      expect(records, `${file}.csv`).toHaveLength(expected[file]);
      // Every row that names a structure names this one.
      for (const row of rows) if ("tenantId" in row) expect(row.tenantId).toBe(tenant.id);
    }
    const members = json.membres as { email: string }[];
    expect(members.map((m) => m.email)).toContain("qualite@villeurbanne.example");

    // Another structure's rows are absent; secrets are absent.
    const text = Object.values(files).map((bytes) => strFromU8(bytes)).join("\n");
    expect(text).not.toContain(other.id);
    expect(text).not.toContain("lambersart.example");
    expect(text).not.toContain("secret-token-hash");
    expect(text).not.toContain("cs_secret_");
    expect(text).not.toMatch(/\$argon2/);
    const keys = [...keysDeep(json)];
    expect(keys.filter((key) => /hash|password|secret|checkoutUrl/i.test(key))).toEqual([]);
    const csvHeaders = exportTables.flatMap(([file]) => strFromU8(files[`${file}.csv`]!).split("\r\n")[0]!.split(";"));
    expect(csvHeaders.filter((key) => /hash|password|secret|checkoutUrl/i.test(key))).toEqual([]);

    // The read-me explains the archive in French.
    const readme = strFromU8(files["LISEZMOI.txt"]!);
    expect(readme).toContain("Ville de Villeurbanne");
    expect(readme).toContain(`membres.csv — Membres (${expected.membres} ligne(s))`);
    expect(readme).toContain("séparateur « ; »");

    // The export is in the audit log, with its counts.
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, "tenant.exported")));
    expect(entry!.actorUserId).toBe(ownerId);
    expect(JSON.parse(entry!.details!)).toMatchObject({ membres: expected.membres, "audits-reponses": expected["audits-reponses"] });
  });
});
