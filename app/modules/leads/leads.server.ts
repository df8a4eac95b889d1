import { and, asc, desc, eq, ilike, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { auditLog, leadNotes, leads, offers, orders, tenants, users, type OrderStatus } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { listStaff } from "../auth/staff.server";
import { escapeLike } from "~/utils/like";
import { formatDate, formatEuros } from "~/utils/format";
import { BOARD_COLUMN_SIZE, isContactOverdue, LEADS_PAGE_SIZE, leadMoveError, leadStatuses, leadStatusLabels, parisToday, type LeadChange, type LeadFilters, type LeadStatus } from "./lead-status";

/*
 * The sales pipeline (AFNOR's back-office, system context: staff see every structure's leads).
 * Every quote request or order opens one lead; sales people may also follow leads with no order
 * (an inbound call). Each change is recorded in the audit log with its before/after values.
 */

type Outcome = { ok: true; changed: boolean; message: string } | { ok: false; field?: "status" | "assigneeId" | "body"; message: string };

/**
 * Opens the lead of a structure's quote request or order, in the caller's transaction. Idempotent on
 * the order: a second call for the same order changes nothing and returns the existing lead's id.
 * The executor must not be a tenant-confined transaction: structures only read leads.
 */
export async function openLeadForOrder(
  tx: Executor,
  order: { tenantId: string; id: string; offerId: string; reference: string; status: OrderStatus; totalHtCents: number | null; createdBy?: string | null },
  offerTitle: string,
): Promise<{ id: string; created: boolean }> {
  const kind = order.status === "quote_requested" ? "Devis" : "Commande";
  const [inserted] = await tx
    .insert(leads)
    .values({
      tenantId: order.tenantId,
      orderId: order.id,
      offerId: order.offerId,
      title: `${kind} — ${offerTitle} (${order.reference})`,
      valueHtCents: order.totalHtCents,
    })
    .onConflictDoNothing({ target: leads.orderId })
    .returning({ id: leads.id, title: leads.title });
  if (!inserted) {
    const [existing] = await tx.select({ id: leads.id }).from(leads).where(eq(leads.orderId, order.id));
    if (!existing) throw new Error(`lead of order ${order.id} neither created nor found`);
    return { id: existing.id, created: false };
  }
  await recordAudit(tx, {
    tenantId: order.tenantId,
    actorUserId: order.createdBy ?? null,
    action: "lead.opened",
    targetType: "lead",
    targetId: inserted.id,
    details: { title: inserted.title, order: order.reference, valueHtCents: order.totalHtCents },
  });
  return { id: inserted.id, created: true };
}

/** A lead with no order behind it (an inbound call, a meeting at a fair), opened by a sales person. */
export async function openLead(
  executor: Executor,
  actorUserId: string | null,
  lead: { tenantId: string; title: string; offerId?: string | null; status?: LeadStatus; assigneeId?: string | null; valueHtCents?: number | null; nextContactOn?: string | null },
) {
  const [row] = await executor.insert(leads).values(lead).returning({ id: leads.id });
  if (!row) throw new Error("lead not created");
  await recordAudit(executor, { tenantId: lead.tenantId, actorUserId, action: "lead.opened", targetType: "lead", targetId: row.id, details: { ...lead } });
  return row.id;
}

// ---- Reading ----

const closedStatuses: LeadStatus[] = ["gagne", "perdu"];

function leadWhere(filters: LeadFilters, today: string): SQL | undefined {
  const structure = filters.structure?.trim();
  return and(
    filters.status ? eq(leads.status, filters.status) : undefined,
    filters.assignee === "none" ? isNull(leads.assigneeId) : filters.assignee ? eq(leads.assigneeId, filters.assignee) : undefined,
    structure ? or(ilike(tenants.name, `%${escapeLike(structure)}%`), ilike(tenants.slug, `%${escapeLike(structure)}%`)) : undefined,
    filters.overdue ? and(lt(leads.nextContactOn, today), notInArray(leads.status, closedStatuses)) : undefined,
  );
}

const listColumns = {
  id: leads.id,
  tenantId: leads.tenantId,
  title: leads.title,
  status: leads.status,
  valueHtCents: leads.valueHtCents,
  nextContactOn: leads.nextContactOn,
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  tenantName: tenants.name,
  tenantSlug: tenants.slug,
  assigneeId: leads.assigneeId,
  assigneeName: users.name,
  assigneeEmail: users.email,
  orderId: leads.orderId,
  orderReference: orders.reference,
  orderStatus: orders.status,
};

function leadQuery(executor: Executor, filters: LeadFilters, today: string) {
  return executor
    .select(listColumns)
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .leftJoin(users, eq(users.id, leads.assigneeId))
    .leftJoin(orders, and(eq(orders.tenantId, leads.tenantId), eq(orders.id, leads.orderId)))
    .where(leadWhere(filters, today))
    .$dynamic();
}

export type LeadRow = Awaited<ReturnType<typeof listLeads>>[number];

/**
 * The leads matching the filters, next contact first (none last), then the newest; a page of
 * LEADS_PAGE_SIZE, or every row when `page` is null (the CSV export).
 */
export async function listLeads(filters: LeadFilters, page: number | null = 1, now = new Date()) {
  const query = leadQuery(db(), filters, parisToday(now)).orderBy(sql`${leads.nextContactOn} asc nulls last`, desc(leads.createdAt), asc(leads.id));
  return page === null ? query : query.limit(LEADS_PAGE_SIZE).offset((Math.max(1, page) - 1) * LEADS_PAGE_SIZE);
}

export async function countLeads(filters: LeadFilters, now = new Date()) {
  const [row] = await db()
    .select({ total: sql<number>`count(*)::int` })
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .where(leadWhere(filters, parisToday(now)));
  return row?.total ?? 0;
}


/**
 * The board: for each status, in pipeline order, the number of matching leads, the sum of their
 * known values HT (cents) and the first BOARD_COLUMN_SIZE cards (next contact first).
 */
export async function leadBoard(filters: LeadFilters, now = new Date()) {
  const today = parisToday(now);
  const [totals, cards] = await Promise.all([
    db()
      .select({
        status: leads.status,
        count: sql<number>`count(*)::int`,
        valueHtCents: sql<number>`coalesce(sum(${leads.valueHtCents}), 0)::float8`.mapWith(Number),
      })
      .from(leads)
      .innerJoin(tenants, eq(tenants.id, leads.tenantId))
      .where(leadWhere(filters, today))
      .groupBy(leads.status),
    db()
      .select({
        ...listColumns,
        rank: sql<number>`row_number() over (partition by ${leads.status} order by ${leads.nextContactOn} asc nulls last, ${leads.createdAt} desc, ${leads.id})`.mapWith(Number),
      })
      .from(leads)
      .innerJoin(tenants, eq(tenants.id, leads.tenantId))
      .leftJoin(users, eq(users.id, leads.assigneeId))
      .leftJoin(orders, and(eq(orders.tenantId, leads.tenantId), eq(orders.id, leads.orderId)))
      .where(leadWhere(filters, today)),
  ]);
  return leadStatuses.map((status) => {
    const total = totals.find((row) => row.status === status);
    return {
      status,
      count: total?.count ?? 0,
      valueHtCents: total?.valueHtCents ?? 0,
      cards: cards
        .filter((card) => card.status === status && card.rank <= BOARD_COLUMN_SIZE)
        .sort((a, b) => a.rank - b.rank)
        .map(({ rank: _rank, ...card }) => card),
    };
  });
}

/** The leads of one structure, newest first (its back-office page). */
export async function listStructureLeads(tenantId: string) {
  return db()
    .select({
      id: leads.id,
      title: leads.title,
      status: leads.status,
      valueHtCents: leads.valueHtCents,
      nextContactOn: leads.nextContactOn,
      assigneeName: users.name,
      assigneeEmail: users.email,
      createdAt: leads.createdAt,
    })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.assigneeId))
    .where(eq(leads.tenantId, tenantId))
    .orderBy(desc(leads.createdAt), asc(leads.id));
}

/** The same, ready to show on the structure's back-office page. */
export async function structureLeads(tenantId: string, now = new Date()) {
  const rows = await listStructureLeads(tenantId);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: leadStatusLabels[row.status],
    assignee: row.assigneeName ?? row.assigneeEmail ?? "non attribué",
    value: row.valueHtCents === null ? "montant non chiffré" : `${formatEuros(row.valueHtCents)} HT`,
    nextContact: row.nextContactOn ? `${formatDate(row.nextContactOn)}${isContactOverdue({ status: row.status, nextContactOn: row.nextContactOn }, now) ? " (en retard)" : ""}` : "—",
  }));
}

/** The staff a lead may be given to: active sales people and admins, by e-mail. */
export async function listSalesPeople() {
  const staff = await listStaff();
  return staff.filter((member) => member.roles.includes("sales") || member.roles.includes("admin")).map(({ id, name, email }) => ({ id, name, email }));
}

/** One lead with its structure, its order, its notes and the history of its changes; null when unknown. */
export async function getLead(leadId: string) {
  const [lead] = await db()
    .select({
      id: leads.id,
      tenantId: leads.tenantId,
      title: leads.title,
      status: leads.status,
      valueHtCents: leads.valueHtCents,
      nextContactOn: leads.nextContactOn,
      createdAt: leads.createdAt,
      updatedAt: leads.updatedAt,
      assigneeId: leads.assigneeId,
      assigneeName: users.name,
      assigneeEmail: users.email,
      offerTitle: offers.title,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
      orderId: leads.orderId,
    })
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .leftJoin(users, eq(users.id, leads.assigneeId))
    .leftJoin(offers, eq(offers.id, leads.offerId))
    .where(eq(leads.id, leadId));
  if (!lead) return null;
  const [order, notes, history] = await Promise.all([
    lead.orderId
      ? db()
          .select({
            reference: orders.reference,
            status: orders.status,
            trainees: orders.trainees,
            sites: orders.sites,
            totalHtCents: orders.totalHtCents,
            totalTtcCents: orders.totalTtcCents,
            paymentPath: orders.paymentPath,
            billingContactName: orders.billingContactName,
            billingContactEmail: orders.billingContactEmail,
            purchaseOrderNumber: orders.purchaseOrderNumber,
            message: orders.message,
            createdAt: orders.createdAt,
            orderedAt: orders.orderedAt,
            paidAt: orders.paidAt,
            cancelledAt: orders.cancelledAt,
          })
          .from(orders)
          .where(and(eq(orders.tenantId, lead.tenantId), eq(orders.id, lead.orderId)))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    db()
      .select({ id: leadNotes.id, body: leadNotes.body, createdAt: leadNotes.createdAt, authorName: users.name, authorEmail: users.email })
      .from(leadNotes)
      .leftJoin(users, eq(users.id, leadNotes.authorId))
      .where(and(eq(leadNotes.tenantId, lead.tenantId), eq(leadNotes.leadId, lead.id)))
      .orderBy(desc(leadNotes.createdAt), desc(leadNotes.id)),
    // The lead's own entries of the audit log (read only), newest first.
    db()
      .select({ id: auditLog.id, action: auditLog.action, details: auditLog.details, createdAt: auditLog.createdAt, actorName: users.name, actorEmail: users.email })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.targetType, "lead"), eq(auditLog.targetId, lead.id)))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(100),
  ]);
  // Who the history's assignments named, for describeLeadAudit.
  const assigned = history.flatMap((entry) => {
    if (entry.action !== "lead.updated" || !entry.details) return [];
    const change = (JSON.parse(entry.details) as { assigneeId?: { avant?: unknown; après?: unknown } }).assigneeId;
    return [change?.avant, change?.après].filter((id): id is string => typeof id === "string");
  });
  const names = await userNames([...new Set(assigned)]);
  return { lead, order, notes, history, names };
}

// ---- Changing ----

const fieldsOfChange = ["status", "assigneeId", "nextContactOn", "valueHtCents"] as const;

/**
 * Applies the fields given (undefined = untouched) to a lead, in one transaction with its audit
 * entry ({ field: { avant, après } } for each field that really changes). Null when the lead is unknown;
 * a refused move or an unknown sales person changes nothing.
 */
export async function updateLead(actorUserId: string, leadId: string, change: LeadChange): Promise<Outcome | null> {
  // Checked before the transaction (a staff list read): the person must still be a sales person or an admin.
  const salesPeople = change.assigneeId ? await listSalesPeople() : [];
  return db().transaction(async (tx) => {
    const [current] = await tx.select().from(leads).where(eq(leads.id, leadId)).for("update");
    if (!current) return null;
    const changed: Partial<Record<(typeof fieldsOfChange)[number], unknown>> = {};
    for (const field of fieldsOfChange) {
      const value = change[field];
      if (value !== undefined && value !== current[field]) changed[field] = value;
    }
    if (changed.status !== undefined) {
      const refused = leadMoveError(current.status, changed.status as LeadStatus);
      if (refused) return { ok: false, field: "status", message: refused };
    }
    if (typeof changed.assigneeId === "string" && !salesPeople.some((person) => person.id === changed.assigneeId)) {
      return { ok: false, field: "assigneeId", message: "Cette personne ne fait pas partie de l’équipe commerciale : choisissez un commercial de la liste." };
    }
    if (Object.keys(changed).length === 0) return { ok: true, changed: false, message: "Aucune modification à enregistrer." };
    await tx
      .update(leads)
      .set({ ...(changed as Partial<typeof leads.$inferInsert>), updatedAt: new Date() })
      .where(eq(leads.id, leadId));
    await recordAudit(tx, {
      tenantId: current.tenantId,
      actorUserId,
      action: "lead.updated",
      targetType: "lead",
      targetId: leadId,
      details: Object.fromEntries(Object.entries(changed).map(([field, value]) => [field, { avant: current[field as keyof typeof current], après: value }])),
    });
    return { ok: true, changed: true, message: "Prospect mis à jour." };
  });
}

/** Appends a note to a lead (notes are never edited). Null when the lead is unknown. */
export async function addLeadNote(actorUserId: string, leadId: string, body: string): Promise<Outcome | null> {
  const text = body.trim();
  if (text.length === 0 || text.length > 2000) return { ok: false, field: "body", message: "Une note compte de 1 à 2 000 caractères." };
  return db().transaction(async (tx) => {
    const [lead] = await tx.select({ tenantId: leads.tenantId }).from(leads).where(eq(leads.id, leadId)).for("update");
    if (!lead) return null;
    const [note] = await tx.insert(leadNotes).values({ tenantId: lead.tenantId, leadId, authorId: actorUserId, body: text }).returning({ id: leadNotes.id });
    await tx.update(leads).set({ updatedAt: new Date() }).where(eq(leads.id, leadId));
    await recordAudit(tx, { tenantId: lead.tenantId, actorUserId, action: "lead.note_added", targetType: "lead", targetId: leadId, details: { noteId: note!.id, characters: text.length } });
    return { ok: true, changed: true, message: "Note ajoutée." };
  });
}

/** Names of users by id (to show who a history entry assigned a lead to). */
export async function userNames(ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db().select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name ?? row.email]));
}
