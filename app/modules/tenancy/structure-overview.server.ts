import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { editions, enrolments, invoices, memberships, orders, payments, resultSnapshots, tenants, users } from "../../../db/schema";
import { searchAuditLog } from "../audit-log/audit-log.server";
import { scheduledStructureDeletion } from "../retention/retention.server";

/**
 * Everything AFNOR staff need to know about one structure, read in the system context (no tenant
 * filter by design: the back-office sees every structure). Null when the slug is unknown.
 */
/** What a payment or an invoice is for (both tables left-joined): "Baromètre 2027" or "Commande CMD-2026-7F3A9C". */
const billedSubject = sql<string>`coalesce('Baromètre ' || ${editions.year}, 'Commande ' || ${orders.reference}, '—')`;

export async function getStructureOverview(slug: string) {
  const [tenant] = await db().select().from(tenants).where(eq(tenants.slug, slug));
  if (!tenant) return null;
  const [scheduledDeletion, enrolmentRows, invoiceRows, paymentRows, [latestResult], members, recentAudit] = await Promise.all([
    scheduledStructureDeletion(db(), tenant.id),
    db()
      .select({
        id: enrolments.id,
        year: editions.year,
        status: enrolments.status,
        paymentPath: enrolments.paymentPath,
        totalHtCents: enrolments.totalHtCents,
        totalTtcCents: enrolments.totalTtcCents,
        createdAt: enrolments.createdAt,
        paidAt: enrolments.paidAt,
      })
      .from(enrolments)
      .innerJoin(editions, eq(editions.id, enrolments.editionId))
      .where(eq(enrolments.tenantId, tenant.id))
      .orderBy(desc(editions.year), desc(enrolments.createdAt)),
    db()
      .select({
        id: invoices.id,
        subject: billedSubject,
        number: invoices.number,
        status: invoices.status,
        totalTtcCents: invoices.totalTtcCents,
        dueAt: invoices.dueAt,
        paidAt: invoices.paidAt,
        createdAt: invoices.createdAt,
      })
      .from(invoices)
      .leftJoin(enrolments, and(eq(enrolments.tenantId, invoices.tenantId), eq(enrolments.id, invoices.enrolmentId)))
      .leftJoin(editions, eq(editions.id, enrolments.editionId))
      .leftJoin(orders, and(eq(orders.tenantId, invoices.tenantId), eq(orders.id, invoices.orderId)))
      .where(eq(invoices.tenantId, tenant.id))
      .orderBy(desc(invoices.createdAt)),
    db()
      .select({
        id: payments.id,
        subject: billedSubject,
        method: payments.method,
        status: payments.status,
        amountCents: payments.amountCents,
        refundedCents: payments.refundedCents,
        createdAt: payments.createdAt,
        paidAt: payments.paidAt,
      })
      .from(payments)
      .leftJoin(enrolments, and(eq(enrolments.tenantId, payments.tenantId), eq(enrolments.id, payments.enrolmentId)))
      .leftJoin(editions, eq(editions.id, enrolments.editionId))
      .leftJoin(orders, and(eq(orders.tenantId, payments.tenantId), eq(orders.id, payments.orderId)))
      .where(eq(payments.tenantId, tenant.id))
      .orderBy(desc(payments.createdAt)),
    db()
      .select({ year: editions.year, version: resultSnapshots.version, globalScore: resultSnapshots.globalScore, publishedAt: resultSnapshots.createdAt })
      .from(resultSnapshots)
      .innerJoin(editions, eq(editions.id, resultSnapshots.editionId))
      .where(eq(resultSnapshots.tenantId, tenant.id))
      .orderBy(desc(editions.year), desc(resultSnapshots.version))
      .limit(1),
    db()
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, tenant.id))
      .orderBy(asc(memberships.role), asc(users.email)),
    searchAuditLog({ tenantId: tenant.id }, 1, 10),
  ]);
  return { tenant, scheduledDeletion, enrolments: enrolmentRows, invoices: invoiceRows, payments: paymentRows, latestResult: latestResult ?? null, members, recentAudit };
}
