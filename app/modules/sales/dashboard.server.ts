import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { db } from "../../../db/client";
import { editions, enrolments, enrolmentTransitions, invoices, leads, orders, payments, resultSnapshots, staffRoles, tenants, users } from "../../../db/schema";
import { enrolmentStatuses, enrolmentStatusLabels } from "../enrolment/state-machine";
import { barometerCategories, barometerCategoryLabels, isBarometerCategory } from "../tenancy/categories";
import {
  commercialPeriod,
  funnelSteps,
  groupOrders,
  leadPipeline,
  parisToday,
  pickEditionYear,
  sameDateCutoff,
  variation,
  type IsoDay,
  type Variation,
} from "./dashboard";

/*
 * The sales dashboard of one edition, for AFNOR staff (system context: every tenant by design).
 * A read-only report across enrolments, billing, offers and results: it aggregates in SQL and
 * never writes.
 */

/** The instant a Paris day begins, and the instant just after it ends. */
const startOfDay = (day: IsoDay) => sql`((${day}::date)::timestamp at time zone 'Europe/Paris')`;
const endOfDay = (day: IsoDay) => sql`((${day}::date + 1)::timestamp at time zone 'Europe/Paris')`;

const cents = (expression: SQL) => sql<number>`coalesce(${expression}, 0)`.mapWith(Number);
const count = (filter?: SQL) => (filter ? sql<number>`(count(*) filter (where ${filter}))::int` : sql<number>`count(*)::int`);

const paidOrLater = ["paid", "in_audit", "results_published"] as const;
/** An enrolment that counts: submitted, neither cancelled nor refunded. */
const isActive = sql`${enrolments.status} not in ('draft', 'cancelled', 'refunded')`;
const isPaid = inArray(enrolments.status, [...paidOrLater]);

export async function listDashboardEditions() {
  return db()
    .select({
      id: editions.id,
      year: editions.year,
      title: editions.title,
      status: editions.status,
      enrolmentOpensOn: editions.enrolmentOpensOn,
    })
    .from(editions)
    .orderBy(desc(editions.year));
}

type DashboardEdition = Awaited<ReturnType<typeof listDashboardEditions>>[number];

/**
 * Enrolment counts and booked amounts of an edition: now (asOf null), or as they stood at the end
 * of a Paris day, from the dated facts (submission, payment, cancellation or refund).
 */
async function enrolmentFigures(editionId: string, asOf: IsoDay | null) {
  let active: SQL = isActive;
  let paid: SQL = isPaid;
  if (asOf) {
    const end = endOfDay(asOf);
    const paidAt = sql`coalesce(${enrolments.paidAt}, (select min(t.at) from ${enrolmentTransitions} t where t.tenant_id = ${enrolments.tenantId} and t.enrolment_id = ${enrolments.id} and t.to_status = 'paid'))`;
    const goneBefore = sql`(${enrolments.status} in ('cancelled', 'refunded') and coalesce(${enrolments.cancelledAt}, ${enrolments.statusChangedAt}) < ${end})`;
    active = sql`(${enrolments.status} <> 'draft' and ${enrolments.termsAcceptedAt} < ${end} and not ${goneBefore})`;
    paid = sql`(${paidAt} < ${end} and not ${goneBefore})`;
  }
  const [row] = await db()
    .select({
      enrolled: count(active),
      paid: count(paid),
      bookedHtCents: cents(sql`sum(${enrolments.totalHtCents}) filter (where ${active})`),
      bookedTtcCents: cents(sql`sum(${enrolments.totalTtcCents}) filter (where ${active})`),
    })
    .from(enrolments)
    .where(eq(enrolments.editionId, editionId));
  return row ?? { enrolled: 0, paid: 0, bookedHtCents: 0, bookedTtcCents: 0 };
}

export type Amounts = { count: number; htCents: number; ttcCents: number };

/**
 * Revenue of an edition's enrolments: invoiced (finalised invoices, open or paid), paid (paid
 * invoices and paid card payments, net of partial refunds) and outstanding (open invoices). Now
 * (asOf null) or as it stood at the end of a Paris day.
 */
async function revenueFigures(editionId: string, asOf: IsoDay | null) {
  const end = asOf ? endOfDay(asOf) : null;
  const invoicedWhen = end ? sql`coalesce(${invoices.finalizedAt}, ${invoices.createdAt}) < ${end}` : sql`true`;
  const isInvoiced = sql`(${invoices.status} in ('open', 'paid') and ${invoicedWhen})`;
  const isPaidInvoice = end
    ? sql`(${invoices.status} = 'paid' and coalesce(${invoices.paidAt}, ${invoices.createdAt}) < ${end})`
    : sql`(${invoices.status} = 'paid')`;
  // Open now, or (as of a past day) invoiced by then and not yet paid then.
  const isOutstanding = end ? sql`(${isInvoiced} and not ${isPaidInvoice})` : sql`(${invoices.status} = 'open')`;
  const [invoiceRow] = await db()
    .select({
      invoicedCount: count(isInvoiced),
      invoicedHt: cents(sql`sum(${invoices.totalHtCents}) filter (where ${isInvoiced})`),
      invoicedTtc: cents(sql`sum(${invoices.totalTtcCents}) filter (where ${isInvoiced})`),
      paidCount: count(isPaidInvoice),
      paidHt: cents(sql`sum(${invoices.totalHtCents}) filter (where ${isPaidInvoice})`),
      paidTtc: cents(sql`sum(${invoices.totalTtcCents}) filter (where ${isPaidInvoice})`),
      outstandingCount: count(isOutstanding),
      outstandingHt: cents(sql`sum(${invoices.totalHtCents}) filter (where ${isOutstanding})`),
      outstandingTtc: cents(sql`sum(${invoices.totalTtcCents}) filter (where ${isOutstanding})`),
    })
    .from(invoices)
    .innerJoin(enrolments, and(eq(enrolments.tenantId, invoices.tenantId), eq(enrolments.id, invoices.enrolmentId)))
    .where(eq(enrolments.editionId, editionId));
  // A card payment is TTC; its HT share follows the enrolment's own HT/TTC split.
  const net = sql`(${payments.amountCents} - ${payments.refundedCents})`;
  const [cardRow] = await db()
    .select({
      count: count(),
      ttc: cents(sql`sum(${net})`),
      ht: cents(sql`sum(round(${net}::numeric * ${enrolments.totalHtCents} / nullif(${enrolments.totalTtcCents}, 0)))`),
    })
    .from(payments)
    .innerJoin(enrolments, and(eq(enrolments.tenantId, payments.tenantId), eq(enrolments.id, payments.enrolmentId)))
    .where(
      and(
        eq(enrolments.editionId, editionId),
        eq(payments.method, "card"),
        eq(payments.status, "paid"),
        end ? sql`coalesce(${payments.paidAt}, ${payments.createdAt}) < ${end}` : undefined,
      ),
    );
  const i = invoiceRow!;
  const card = cardRow ?? { count: 0, ttc: 0, ht: 0 };
  return {
    invoiced: {
      count: i.invoicedCount,
      htCents: i.invoicedHt,
      ttcCents: i.invoicedTtc,
    } satisfies Amounts,
    paid: {
      count: i.paidCount + card.count,
      htCents: i.paidHt + card.ht,
      ttcCents: i.paidTtc + card.ttc,
    } satisfies Amounts,
    outstanding: {
      count: i.outstandingCount,
      htCents: i.outstandingHt,
      ttcCents: i.outstandingTtc,
    } satisfies Amounts,
  };
}

async function enrolmentsByStatus(editionId: string) {
  const rows = await db()
    .select({
      status: enrolments.status,
      count: count(),
      htCents: cents(sql`sum(${enrolments.totalHtCents})`),
    })
    .from(enrolments)
    .where(eq(enrolments.editionId, editionId))
    .groupBy(enrolments.status);
  const known = enrolmentStatuses.map((status) => {
    const row = rows.find((r) => r.status === status);
    return {
      status: status as string,
      label: enrolmentStatusLabels[status],
      count: row?.count ?? 0,
      htCents: row?.htCents ?? 0,
    };
  });
  const others = rows
    .filter((r) => !(enrolmentStatuses as readonly string[]).includes(r.status))
    .map((r) => ({
      status: r.status,
      label: r.status,
      count: r.count,
      htCents: r.htCents,
    }));
  return [...known, ...others];
}

/** Active enrolments (submitted, neither cancelled nor refunded), paid ones and booked HT, per award category. */
async function enrolmentsByCategory(editionId: string) {
  const rows = await db()
    .select({
      category: enrolments.category,
      enrolled: count(isActive),
      paid: count(isPaid),
      htCents: cents(sql`sum(${enrolments.totalHtCents}) filter (where ${isActive})`),
    })
    .from(enrolments)
    .where(eq(enrolments.editionId, editionId))
    .groupBy(enrolments.category);
  const known = barometerCategories.map((category) => {
    const row = rows.find((r) => r.category === category);
    return {
      key: category as string,
      label: barometerCategoryLabels[category],
      enrolled: row?.enrolled ?? 0,
      paid: row?.paid ?? 0,
      htCents: row?.htCents ?? 0,
    };
  });
  const others = rows
    .filter((r) => !isBarometerCategory(r.category) && r.enrolled > 0)
    .map((r) => ({
      key: r.category,
      label: r.category,
      enrolled: r.enrolled,
      paid: r.paid,
      htCents: r.htCents,
    }));
  return [...known, ...others];
}

/** The same per région (from the structure's address), the busiest first. */
async function enrolmentsByRegion(editionId: string) {
  const region = sql<string | null>`${tenants.regionName}`;
  const rows = await db()
    .select({
      region,
      enrolled: count(isActive),
      paid: count(isPaid),
      htCents: cents(sql`sum(${enrolments.totalHtCents}) filter (where ${isActive})`),
    })
    .from(enrolments)
    .innerJoin(tenants, eq(tenants.id, enrolments.tenantId))
    .where(and(eq(enrolments.editionId, editionId), isActive))
    .groupBy(tenants.regionName)
    .orderBy(desc(count()), asc(tenants.regionName));
  return rows.map((r) => ({
    key: r.region ?? "",
    label: r.region ?? "Région non renseignée",
    enrolled: r.enrolled,
    paid: r.paid,
    htCents: r.htCents,
  }));
}

/**
 * The edition's funnel: accounts and structures on the portal at the end of the reading day (a
 * structure enrolled in the edition counts even if its record was imported later), then the
 * edition's active enrolments, paid ones, and structures whose results are published.
 */
async function funnelCounts(editionId: string, asOf: IsoDay) {
  const end = endOfDay(asOf);
  const enrolledTenants = db()
    .select({ tenantId: enrolments.tenantId })
    .from(enrolments)
    .where(and(eq(enrolments.editionId, editionId), sql`${enrolments.status} <> 'draft'`));
  const [accounts, structures, published, figures] = await Promise.all([
    db()
      .select({ n: count() })
      .from(users)
      .where(and(sql`${users.createdAt} < ${end}`, sql`not exists (select 1 from ${staffRoles} s where s.user_id = ${users.id})`)),
    db()
      .select({ n: count() })
      .from(tenants)
      .where(or(sql`${tenants.createdAt} < ${end}`, inArray(tenants.id, enrolledTenants))),
    db()
      .select({
        n: sql<number>`count(distinct ${resultSnapshots.tenantId})::int`,
      })
      .from(resultSnapshots)
      .where(eq(resultSnapshots.editionId, editionId)),
    enrolmentFigures(editionId, null),
  ]);
  return funnelSteps({
    accounts: accounts[0]?.n ?? 0,
    structures: structures[0]?.n ?? 0,
    enrolled: figures.enrolled,
    paid: figures.paid,
    published: published[0]?.n ?? 0,
  });
}

/** Orders and leads of the commercial period [from, end of asOf]: the offers' side of sales. */
async function offerFigures(from: IsoDay, asOf: IsoDay) {
  const placedAt = sql`coalesce(${orders.orderedAt}, ${orders.createdAt})`;
  const [orderRows, leadRows] = await Promise.all([
    db()
      .select({
        status: orders.status,
        count: count(),
        htCents: cents(sql`sum(${orders.totalHtCents})`),
        unpriced: count(sql`${orders.totalHtCents} is null`),
      })
      .from(orders)
      .where(and(sql`${placedAt} >= ${startOfDay(from)}`, sql`${placedAt} < ${endOfDay(asOf)}`))
      .groupBy(orders.status),
    db()
      .select({
        status: leads.status,
        count: count(),
        htCents: cents(sql`sum(${leads.valueHtCents})`),
      })
      .from(leads)
      .where(and(sql`${leads.createdAt} >= ${startOfDay(from)}`, sql`${leads.createdAt} < ${endOfDay(asOf)}`))
      .groupBy(leads.status),
  ]);
  return {
    orders: groupOrders(orderRows),
    unpricedQuotes: orderRows.find((r) => r.status === "quote_requested")?.unpriced ?? 0,
    leads: leadPipeline(leadRows),
  };
}

export type ComparisonRow = {
  key: string;
  label: string;
  unit: "count" | "cents";
  current: number;
  previous: number | null;
  variation: Variation | null;
};

async function comparison(edition: DashboardEdition, asOf: IsoDay, dayOffset: number, previous: DashboardEdition | null) {
  const cutoff = previous ? sameDateCutoff(previous.enrolmentOpensOn, dayOffset) : null;
  const [now, nowRevenue, then, thenRevenue] = await Promise.all([
    enrolmentFigures(edition.id, asOf),
    revenueFigures(edition.id, asOf),
    previous && cutoff ? enrolmentFigures(previous.id, cutoff) : null,
    previous && cutoff ? revenueFigures(previous.id, cutoff) : null,
  ]);
  const row = (key: string, label: string, unit: ComparisonRow["unit"], current: number, before: number | null): ComparisonRow => ({
    key,
    label,
    unit,
    current,
    previous: before,
    variation: before === null ? null : variation(current, before),
  });
  return {
    previousYear: previous?.year ?? null,
    cutoff,
    rows: [
      row("enrolled", "Inscriptions", "count", now.enrolled, then?.enrolled ?? null),
      row("paid", "Inscriptions payées", "count", now.paid, then?.paid ?? null),
      row("booked", "Montant des inscriptions HT", "cents", now.bookedHtCents, then?.bookedHtCents ?? null),
      row("invoiced", "Facturé HT", "cents", nowRevenue.invoiced.htCents, thenRevenue?.invoiced.htCents ?? null),
      row("cashed", "Encaissé HT", "cents", nowRevenue.paid.htCents, thenRevenue?.paid.htCents ?? null),
    ],
  };
}

export type SalesDashboard = NonNullable<Awaited<ReturnType<typeof salesDashboard>>>;

/**
 * Everything the dashboard shows for the edition of `requestedYear` (or the default edition), read
 * on `now`'s Paris day. Null when no edition exists at all.
 */
export async function salesDashboard(requestedYear: number | null, now: Date = new Date()) {
  const list = await listDashboardEditions();
  const picked = pickEditionYear(list, requestedYear);
  const edition = list.find((e) => e.year === picked.year);
  if (!edition) return null;
  const next = list.filter((e) => e.year > edition.year).at(-1) ?? null;
  const previous = list.find((e) => e.year < edition.year) ?? null;
  const period = commercialPeriod(edition.enrolmentOpensOn, next?.enrolmentOpensOn ?? null, parisToday(now));
  const [current, revenue, byStatus, byCategory, byRegion, funnel, compared, offers] = await Promise.all([
    enrolmentFigures(edition.id, null),
    revenueFigures(edition.id, null),
    enrolmentsByStatus(edition.id),
    enrolmentsByCategory(edition.id),
    enrolmentsByRegion(edition.id),
    funnelCounts(edition.id, period.asOf),
    comparison(edition, period.asOf, period.dayOffset, previous),
    offerFigures(period.from, period.asOf),
  ]);
  return {
    years: list.map((e) => e.year),
    unknownYear: picked.unknown ? requestedYear : null,
    edition: {
      year: edition.year,
      title: edition.title,
      status: edition.status,
      opensOn: edition.enrolmentOpensOn,
    },
    period,
    booked: {
      count: current.enrolled,
      htCents: current.bookedHtCents,
      ttcCents: current.bookedTtcCents,
    } satisfies Amounts,
    paidEnrolments: current.paid,
    revenue,
    byStatus,
    byCategory,
    byRegion,
    funnel,
    comparison: compared,
    offers,
  };
}
