import { and, asc, eq, like, sql } from "drizzle-orm";
import type { Database } from "../client";
import { editionPrices, editions, enrolments, enrolmentTransitions, invoices, tenants } from "../schema";
import { priceBreakdown } from "../../app/modules/billing/pricing";

/**
 * One public buyer late with its invoice, for the unpaid follow-up (/admin/impayes): the first
 * peer structure enrolled in 2027 on invoice, issued 45 days ago, due 15 days ago and still open.
 * The Stripe ids are made up (no Stripe call when seeding). Idempotent.
 */
export async function seedUnpaidInvoice(database: Database) {
  const [edition] = await database.select().from(editions).where(eq(editions.year, 2027));
  const [tenant] = await database.select().from(tenants).where(like(tenants.slug, "temoin-%")).orderBy(asc(tenants.slug)).limit(1);
  if (!edition || !tenant) throw new Error("seed: the unpaid invoice needs the 2027 edition and the peer structures");
  const [existing] = await database.select({ id: enrolments.id }).from(enrolments).where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.editionId, edition.id)));
  if (existing) return;
  const [price] = await database
    .select({ priceHtCents: editionPrices.priceHtCents })
    .from(editionPrices)
    .where(and(eq(editionPrices.editionId, edition.id), eq(editionPrices.category, tenant.category)));
  if (!price) throw new Error(`seed: no 2027 price for category ${tenant.category}`);
  const quote = priceBreakdown([{ label: edition.title, amountHtCents: price.priceHtCents }]);
  const [enrolment] = await database
    .insert(enrolments)
    .values({
      tenantId: tenant.id,
      editionId: edition.id,
      status: "confirmed",
      category: tenant.category,
      basePriceHtCents: price.priceHtCents,
      totalHtCents: quote.totalHtCents,
      vatCents: quote.vatCents,
      totalTtcCents: quote.totalTtcCents,
      paymentPath: "invoice",
      billingContactName: "Service comptabilité",
      billingContactEmail: `comptabilite@${tenant.slug}.example`,
      billingAddress: `${tenant.name}, service comptabilité`,
      engagementNumber: "EJ-2027-0042",
      payerSiret: tenant.siret,
      termsVersion: edition.termsVersion,
      termsAcceptedAt: sql`now() - interval '46 days'`,
      createdAt: sql`now() - interval '46 days'`,
    })
    .returning();
  if (!enrolment) throw new Error("seed: unpaid enrolment not created");
  await database.insert(enrolmentTransitions).values([
    { tenantId: tenant.id, enrolmentId: enrolment.id, fromStatus: null, toStatus: "draft", source: "portail" },
    { tenantId: tenant.id, enrolmentId: enrolment.id, fromStatus: "draft", toStatus: "awaiting_payment", source: "portail" },
    { tenantId: tenant.id, enrolmentId: enrolment.id, fromStatus: "awaiting_payment", toStatus: "confirmed", source: "stripe:invoice.finalized" },
  ]);
  await database.insert(invoices).values({
    tenantId: tenant.id,
    enrolmentId: enrolment.id,
    stripeInvoiceId: `in_demo_unpaid_${enrolment.id.slice(0, 8)}`,
    stripeCustomerId: `cus_demo_unpaid_${enrolment.id.slice(0, 8)}`,
    number: "BEC-2027-0042",
    status: "open",
    totalHtCents: quote.totalHtCents,
    vatCents: quote.vatCents,
    totalTtcCents: quote.totalTtcCents,
    references: [
      { label: "N° d'engagement", value: "EJ-2027-0042" },
      { label: "SIRET payeur", value: tenant.siret },
    ],
    dueAt: sql`now() - interval '15 days'`,
    finalizedAt: sql`now() - interval '45 days'`,
    createdAt: sql`now() - interval '45 days'`,
  });
}
