import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { db } from "../../../db/client";
import { offers, trainingSessions } from "../../../db/schema";
import { tenantResults, type TenantResults } from "../results/results.server";
import type { TenantContext } from "../tenancy/guard.server";
import { nextStep, type LadderInput } from "./ladder";

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** The active catalogue in ladder order, each training with its sessions from today on (Paris). */
export async function listCatalogue(now = new Date()) {
  const today = parisDay.format(now);
  const rows = await db().select().from(offers).where(eq(offers.active, true)).orderBy(asc(offers.position), asc(offers.title));
  const sessions = rows.length
    ? await db()
        .select()
        .from(trainingSessions)
        .where(and(inArray(trainingSessions.offerId, rows.map((o) => o.id)), gte(trainingSessions.startsOn, today)))
        .orderBy(asc(trainingSessions.startsOn))
    : [];
  return rows.map((offer) => ({
    ...offer,
    sessions: sessions
      .filter((s) => s.offerId === offer.id)
      .map((s) => ({ id: s.id, startsOn: s.startsOn, endsOn: s.endsOn, place: s.place, remote: s.remote, seatsLeft: s.seats - s.seatsTaken })),
  }));
}

export type CatalogueOffer = Awaited<ReturnType<typeof listCatalogue>>[number];

/** The structure's next step on the offer ladder, from its latest published results and its labels (read with the membership). */
export function nextStepFor(ctx: TenantContext, results: TenantResults | null) {
  const input: LadderInput = {
    results: results && {
      global: { score: results.global.score, median: results.global.peers.category?.median ?? null },
      channels: results.channels.map((c) => ({ code: c.code, label: c.label, score: c.score, median: c.peers.category?.median ?? null })),
      determinants: results.determinants.map((d) => ({ code: d.code, label: d.label, score: d.score, median: d.median })),
    },
    certifications: ctx.tenant.certifications,
    structureKind: ctx.tenant.kind,
  };
  return nextStep(input);
}

/**
 * The next step with the active offer it recommends. A caller that reads the results itself (the
 * report) passes them, or the promise of them: the active offers are read meanwhile, in parallel.
 */
export async function recommendationFor(ctx: TenantContext, loaded?: TenantResults | null | Promise<TenantResults | null>) {
  const [results, activeOffers] = await Promise.all([
    loaded === undefined ? tenantResults(ctx) : loaded,
    // A handful of rows: reading them all saves waiting for the step before asking for its offer.
    db()
      .select({ code: offers.code, kind: offers.kind, title: offers.title, description: offers.description, priceHtCents: offers.priceHtCents, duration: offers.duration })
      .from(offers)
      .where(eq(offers.active, true)),
  ]);
  const step = nextStepFor(ctx, results);
  const offer = step.recommendedOfferCode ? activeOffers.find((o) => o.code === step.recommendedOfferCode) : undefined;
  return { ...step, offer: offer ?? null };
}

export type Recommendation = Awaited<ReturnType<typeof recommendationFor>>;
