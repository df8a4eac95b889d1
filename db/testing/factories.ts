import { desc, eq, sql } from "drizzle-orm";
import { db } from "../client";
import { auditAnswers, audits, editions, emailOutbox, enrolments, memberships, tenants, users } from "../schema";
import { referentialItems } from "../seed/referential-data";
import { completeSiret } from "../../app/modules/tenancy/siret";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function makeUser(overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db()
    .insert(users)
    .values({ email: `agent-${unique()}@exemple.fr`, name: "Agent Test", emailVerifiedAt: new Date(), ...overrides })
    .returning();
  return user!;
}

export async function makeTenant(overrides: Partial<typeof tenants.$inferInsert> = {}) {
  const [tenant] = await db()
    .insert(tenants)
    .values({
      slug: `structure-${unique()}`,
      name: "Commune de Test",
      kind: "commune",
      category: "commune_moins_20000",
      siret: completeSiret("215404153"),
      ...overrides,
    })
    .returning();
  return tenant!;
}

export async function addMember(tenantId: string, userId: string, role: "owner" | "member" | "viewer") {
  await db().insert(memberships).values({ tenantId, userId, role });
}

/** The seed referential's phone yes/no items, in order: what `enrolWithPhoneAudit` answers. */
export const phoneYesNoItems = referentialItems.filter((i) => i.channel === "telephone" && i.answerType === "yes_no");

/**
 * Enrols a structure in the edition of `year` (seeded editions and referentials) with one submitted
 * phone audit answering "oui" to the first `yes` phone yes/no items and "non" to the others:
 * ready to be published.
 */
export async function enrolWithPhoneAudit(tenant: typeof tenants.$inferSelect, year: number, yes: number) {
  const [edition] = await db().select().from(editions).where(eq(editions.year, year));
  if (!edition) throw new Error(`no edition ${year}: seed the editions first`);
  const [enrolment] = await db()
    .insert(enrolments)
    .values({
      tenantId: tenant.id,
      editionId: edition.id,
      status: "in_audit",
      category: tenant.category,
      basePriceHtCents: 100,
      totalHtCents: 100,
      vatCents: 20,
      totalTtcCents: 120,
      paymentPath: "card",
      billingContactName: "Contact",
      billingContactEmail: "contact@exemple.fr",
      billingAddress: "Adresse de test",
      payerSiret: tenant.siret,
      termsVersion: edition.termsVersion,
      termsAcceptedAt: new Date(),
    })
    .returning();
  const [audit] = await db()
    .insert(audits)
    .values({ tenantId: tenant.id, editionId: edition.id, enrolmentId: enrolment!.id, number: 1, channel: "telephone", scenario: "Demande d'acte", status: "submitted", auditedAt: new Date(`${year}-05-10`) })
    .returning();
  await db()
    .insert(auditAnswers)
    .values(phoneYesNoItems.map((item, index) => ({ tenantId: tenant.id, auditId: audit!.id, itemCode: item.code, value: index < yes ? "oui" : "non" })));
  return { enrolment: enrolment!, audit: audit! };
}

/** The newest e-mail to an address, as the outbox holds it. */
export async function lastEmailTo(address: string) {
  const [row] = await db()
    .select()
    .from(emailOutbox)
    .where(sql`lower(${emailOutbox.toAddress}) = ${address.toLowerCase()}`)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return row ?? null;
}

export async function emailsTo(address: string) {
  return db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address));
}

/** The `token` query parameter of the first link in an e-mail's text. */
export function tokenFromEmail(text: string, path: string) {
  const match = text.match(new RegExp(`https?://[^\\s]+${path.replace(/\//g, "\\/")}\\?token=([a-z2-7]+)`));
  if (!match?.[1]) throw new Error(`no ${path} link in e-mail:\n${text}`);
  return match[1];
}

/** The status a guard or loader throws (a Response), or 200 when it does not throw. */
export async function thrownStatus(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  return 200;
}

export function requestWithSession(token: string, url = "http://localhost:3000/") {
  return new Request(url, { headers: { Cookie: `ec_session=${token}` } });
}
