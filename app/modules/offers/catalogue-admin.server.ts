/**
 * The offer catalogue as AFNOR staff manage it: offers (shared reference data, no tenant) and the
 * dated sessions of trainings. Every change is recorded in the audit log, in the same transaction.
 * An offer is never deleted once ordered or followed by sales: it is deactivated, which takes it
 * out of the structures' catalogue (listCatalogue reads active offers only).
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { leads, offers, orders, trainingSessions } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { isUniqueViolation } from "../tenancy/tenants.server";
import { MAX_POSITION, offerRuleIssues, sessionRuleIssues, type OfferValues, type SessionValues } from "./catalogue-schema";

export type Offer = typeof offers.$inferSelect;
export type TrainingSession = typeof trainingSessions.$inferSelect;

type FieldErrors = Record<string, string[]>;
type SaveOutcome<T> = { ok: true; value: T; message: string } | { ok: false; fieldErrors: FieldErrors };
type ActionOutcome = { ok: boolean; message: string };

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

const codeTaken = { ok: false as const, fieldErrors: { code: ["Une offre porte déjà ce code : choisissez-en un autre."] } };

/** Rule issues as form field errors (the form calls the price "price"). */
function asFieldErrors(issues: { path: [string]; message: string }[]): FieldErrors | null {
  if (issues.length === 0) return null;
  const errors: FieldErrors = {};
  for (const { path, message } of issues) (errors[path[0] === "priceHtCents" ? "price" : path[0]] ??= []).push(message);
  return errors;
}

/** Every offer, active or not, in catalogue order, with its sessions and orders counted. */
export async function listOffersForStaff(now = new Date()) {
  const today = parisDay.format(now);
  const [rows, sessionCounts, orderCounts] = await Promise.all([
    db().select().from(offers).orderBy(asc(offers.position), asc(offers.title)),
    db()
      .select({
        offerId: trainingSessions.offerId,
        total: count(),
        upcoming: sql<number>`count(*) filter (where ${trainingSessions.startsOn} >= ${today})::int`,
        upcomingSeatsLeft: sql<number>`coalesce(sum(${trainingSessions.seats} - ${trainingSessions.seatsTaken}) filter (where ${trainingSessions.startsOn} >= ${today}), 0)::int`,
      })
      .from(trainingSessions)
      .groupBy(trainingSessions.offerId),
    db().select({ offerId: orders.offerId, total: count() }).from(orders).groupBy(orders.offerId),
  ]);
  const sessionsOf = new Map(sessionCounts.map((row) => [row.offerId, row]));
  const ordersOf = new Map(orderCounts.map((row) => [row.offerId, row.total]));
  return rows.map((offer) => {
    const sessions = sessionsOf.get(offer.id);
    return {
      ...offer,
      sessionCount: sessions?.total ?? 0,
      upcomingSessionCount: sessions?.upcoming ?? 0,
      upcomingSeatsLeft: sessions?.upcomingSeatsLeft ?? 0,
      orderCount: ordersOf.get(offer.id) ?? 0,
    };
  });
}

export type StaffOfferRow = Awaited<ReturnType<typeof listOffersForStaff>>[number];

/** One offer with all its sessions (past ones too) and how many orders cite it; null if unknown. */
export async function getOfferForStaff(code: string) {
  const [offer] = await db().select().from(offers).where(eq(offers.code, code));
  if (!offer) return null;
  const [sessions, [ordered]] = await Promise.all([
    db().select().from(trainingSessions).where(eq(trainingSessions.offerId, offer.id)).orderBy(asc(trainingSessions.startsOn), asc(trainingSessions.place)),
    db().select({ n: count() }).from(orders).where(eq(orders.offerId, offer.id)),
  ]);
  return { offer, sessions, orderCount: ordered?.n ?? 0 };
}

/** The position after the last offer: a new offer goes at the end of the catalogue by default. */
export async function nextOfferPosition() {
  const [row] = await db().select({ max: sql<number | null>`max(${offers.position})` }).from(offers);
  return Math.min((row?.max ?? 0) + 1, MAX_POSITION);
}

export async function createOffer(actorUserId: string, input: OfferValues): Promise<SaveOutcome<Offer>> {
  const invalid = asFieldErrors(offerRuleIssues(input));
  if (invalid) return { ok: false, fieldErrors: invalid };
  try {
    const offer = await db().transaction(async (tx) => {
      const [created] = await tx.insert(offers).values(input).returning();
      if (!created) throw new Error("offer insert failed");
      await recordAudit(tx, {
        tenantId: null,
        actorUserId,
        action: "offer.created",
        targetType: "offer",
        targetId: created.id,
        details: { code: created.code, kind: created.kind, priceHtCents: created.priceHtCents, active: created.active },
      });
      return created;
    });
    return { ok: true, value: offer, message: `Offre « ${offer.title} » créée.` };
  } catch (error) {
    if (isUniqueViolation(error)) return codeTaken;
    throw error;
  }
}

type Change = { from: unknown; to: unknown };

/**
 * Edits an offer. Its code never changes: the recommendations, the tenants' bookmarks and the
 * orders refer to it. A training with sessions stays a training. Orders keep the price they froze.
 */
export async function updateOffer(actorUserId: string, code: string, input: OfferValues): Promise<SaveOutcome<Offer> | null> {
  if (input.code !== code) return { ok: false, fieldErrors: { code: ["Le code d'une offre ne change pas : les recommandations et les commandes s'y réfèrent."] } };
  const invalid = asFieldErrors(offerRuleIssues(input));
  if (invalid) return { ok: false, fieldErrors: invalid };
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(offers).where(eq(offers.code, code)).for("update");
    if (!before) return null;
    if (before.kind === "formation" && input.kind !== "formation") {
      const [sessions] = await tx.select({ n: count() }).from(trainingSessions).where(eq(trainingSessions.offerId, before.id));
      if ((sessions?.n ?? 0) > 0) return { ok: false as const, fieldErrors: { kind: ["Cette formation a des sessions : elle reste une formation."] } };
    }
    const changes: Record<string, Change> = {};
    for (const [field, to] of Object.entries(input)) {
      const from = before[field as keyof OfferValues];
      if (from !== to) changes[field] = { from, to };
    }
    const [updated] = await tx
      .update(offers)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(offers.id, before.id))
      .returning();
    await recordAudit(tx, { tenantId: null, actorUserId, action: "offer.updated", targetType: "offer", targetId: before.id, details: { code, changes } });
    return { ok: true as const, value: updated!, message: "Modifications enregistrées." };
  });
}

/** Takes an offer out of the structures' catalogue (or puts it back). Orders already placed stay. */
export async function setOfferActive(actorUserId: string, code: string, active: boolean): Promise<ActionOutcome | null> {
  return db().transaction(async (tx) => {
    const [offer] = await tx.select({ id: offers.id, title: offers.title, active: offers.active }).from(offers).where(eq(offers.code, code)).for("update");
    if (!offer) return null;
    if (offer.active === active) return { ok: true, message: active ? "L'offre est déjà active." : "L'offre est déjà désactivée." };
    await tx.update(offers).set({ active, updatedAt: sql`now()` }).where(eq(offers.id, offer.id));
    await recordAudit(tx, { tenantId: null, actorUserId, action: active ? "offer.reactivated" : "offer.deactivated", targetType: "offer", targetId: offer.id, details: { code } });
    return {
      ok: true,
      message: active ? `Offre « ${offer.title} » réactivée : les structures la voient de nouveau.` : `Offre « ${offer.title} » désactivée : les structures ne la voient plus.`,
    };
  });
}

/**
 * Deletes an offer created by mistake, with its sessions. Refused once an order or a sales lead
 * cites it, or a seat of one of its sessions is taken: deactivate it instead.
 */
export async function deleteOffer(actorUserId: string, code: string): Promise<ActionOutcome | null> {
  return db().transaction(async (tx) => {
    const [offer] = await tx.select({ id: offers.id, title: offers.title }).from(offers).where(eq(offers.code, code)).for("update");
    if (!offer) return null;
    const [ordered] = await tx.select({ n: count() }).from(orders).where(eq(orders.offerId, offer.id));
    const [followed] = await tx.select({ n: count() }).from(leads).where(eq(leads.offerId, offer.id));
    const [taken] = await tx
      .select({ n: count() })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.offerId, offer.id), sql`${trainingSessions.seatsTaken} > 0`));
    if ((ordered?.n ?? 0) > 0 || (followed?.n ?? 0) > 0 || (taken?.n ?? 0) > 0) {
      return { ok: false, message: "Cette offre a déjà été commandée ou suivie par les ventes : elle ne peut pas être supprimée. Désactivez-la pour la retirer du catalogue." };
    }
    await tx.delete(offers).where(eq(offers.id, offer.id));
    await recordAudit(tx, { tenantId: null, actorUserId, action: "offer.deleted", targetType: "offer", targetId: offer.id, details: { code, title: offer.title } });
    return { ok: true, message: `Offre « ${offer.title} » supprimée.` };
  });
}

/** Adds a dated session to a training. Only trainings have sessions. */
export async function addTrainingSession(actorUserId: string, code: string, input: SessionValues): Promise<SaveOutcome<TrainingSession> | null> {
  const invalid = asFieldErrors(sessionRuleIssues(input));
  if (invalid) return { ok: false, fieldErrors: invalid };
  return db().transaction(async (tx) => {
    const [offer] = await tx.select({ id: offers.id, kind: offers.kind }).from(offers).where(eq(offers.code, code));
    if (!offer) return null;
    if (offer.kind !== "formation") return { ok: false as const, fieldErrors: { startsOn: ["Seules les formations ont des sessions datées."] } };
    const [created] = await tx
      .insert(trainingSessions)
      .values({ offerId: offer.id, startsOn: input.startsOn, endsOn: input.endsOn, place: input.place, remote: input.remote, seats: input.seats })
      .returning();
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action: "training_session.created",
      targetType: "training_session",
      targetId: created!.id,
      details: { code, startsOn: input.startsOn, endsOn: input.endsOn, place: input.place, remote: input.remote, seats: input.seats },
    });
    return { ok: true as const, value: created!, message: "Session ajoutée." };
  });
}

/**
 * Edits a session's dates, place or seats. Seats never go under the seats already taken (the row
 * is locked, so an order reserving a seat meanwhile waits, and the database check holds anyway).
 */
export async function updateTrainingSession(actorUserId: string, code: string, sessionId: string, input: SessionValues): Promise<SaveOutcome<TrainingSession> | null> {
  const invalid = asFieldErrors(sessionRuleIssues(input));
  if (invalid) return { ok: false, fieldErrors: invalid };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ session: trainingSessions })
      .from(trainingSessions)
      .innerJoin(offers, eq(offers.id, trainingSessions.offerId))
      .where(and(eq(trainingSessions.id, sessionId), eq(offers.code, code)))
      .for("update", { of: trainingSessions });
    if (!row) return null;
    const before = row.session;
    if (input.seats < before.seatsTaken) {
      const taken = before.seatsTaken === 1 ? "1 place est déjà prise" : `${before.seatsTaken} places sont déjà prises`;
      return { ok: false as const, fieldErrors: { seats: [`Impossible de ramener la session à ${input.seats} place${input.seats > 1 ? "s" : ""} : ${taken}.`] } };
    }
    const changes: Record<string, Change> = {};
    for (const field of ["startsOn", "endsOn", "place", "remote", "seats"] as const) if (before[field] !== input[field]) changes[field] = { from: before[field], to: input[field] };
    const [updated] = await tx
      .update(trainingSessions)
      .set({ startsOn: input.startsOn, endsOn: input.endsOn, place: input.place, remote: input.remote, seats: input.seats })
      .where(eq(trainingSessions.id, sessionId))
      .returning();
    await recordAudit(tx, { tenantId: null, actorUserId, action: "training_session.updated", targetType: "training_session", targetId: sessionId, details: { code, changes } });
    return { ok: true as const, value: updated!, message: "Session mise à jour." };
  });
}
