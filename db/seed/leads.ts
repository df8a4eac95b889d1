import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog, leadNotes, leads, offers, tenants, users, type LeadStatus } from "../schema";
import { offerCodes, type OfferCode } from "../../app/modules/offers/ladder";
import { parisToday } from "../../app/modules/leads/lead-status";

/** The demo sales person who follows the pipeline (see demoStaff in ./index). */
const SALES_EMAIL = "ventes@afnor.example";

type DemoLead = {
  /** A demo structure's slug, or the n-th peer structure (by slug) when a number. */
  structure: string | number;
  title: string;
  offer: OfferCode;
  status: LeadStatus;
  assigned: boolean;
  valueHtCents: number | null;
  /** Days from today (negative: the contact is late). */
  nextContactInDays: number | null;
  ageDays: number;
  notes?: string[];
};

/**
 * Leads without an order behind them (inbound calls, fairs, follow-ups of results), in every
 * status: late and upcoming contacts, one nobody follows yet. Orders bring their own leads.
 */
const demoLeads: DemoLead[] = [
  {
    structure: "villeurbanne",
    title: "Diagnostic interne — appel entrant",
    offer: offerCodes.diagnostic,
    status: "nouveau",
    assigned: false,
    valueHtCents: null,
    nextContactInDays: null,
    ageDays: 1,
  },
  {
    structure: "villeurbanne",
    title: "Formation accueil téléphonique — 8 agents (salon des maires)",
    offer: offerCodes.phoneTraining,
    status: "contacte",
    assigned: true,
    valueHtCents: 552000,
    nextContactInDays: -3,
    ageDays: 20,
    notes: ["Rencontrée au salon des maires : souhaite former les 8 agents du standard avant l'été.", "Relance par téléphone : attend l'arbitrage budgétaire de la DGS."],
  },
  {
    structure: "lambersart",
    title: "Diagnostic flash avant labellisation Qualivilles",
    offer: offerCodes.flash,
    status: "devis_envoye",
    assigned: true,
    valueHtCents: 345000,
    nextContactInDays: 5,
    ageDays: 30,
    notes: ["Devis envoyé au responsable qualité ; passage en commission des achats prévu le mois prochain."],
  },
  {
    structure: "pagny-sur-moselle",
    title: "Formation « Écrire aux usagers » — session intra",
    offer: offerCodes.writingTraining,
    status: "gagne",
    assigned: true,
    valueHtCents: 414000,
    nextContactInDays: null,
    ageDays: 60,
    notes: ["Bon de commande reçu ; session fixée avec le secrétariat général."],
  },
  {
    structure: 0,
    title: "Label Services Publics+ — accompagnement",
    offer: offerCodes.servicesPublicsPlus,
    status: "contacte",
    assigned: true,
    valueHtCents: 980000,
    nextContactInDays: 12,
    ageDays: 15,
  },
  {
    structure: 1,
    title: "Certification ISO 9001 — premier échange",
    offer: offerCodes.iso9001,
    status: "perdu",
    assigned: true,
    valueHtCents: 1250000,
    nextContactInDays: null,
    ageDays: 90,
    notes: ["Projet reporté : budget 2026 consacré à la refonte du site internet."],
  },
  {
    structure: 2,
    title: "Diagnostic interne — relance après les résultats 2026",
    offer: offerCodes.diagnostic,
    status: "nouveau",
    assigned: true,
    valueHtCents: null,
    nextContactInDays: 0,
    ageDays: 3,
  },
  {
    structure: 3,
    title: "Formation réseaux sociaux — demande par courriel",
    offer: offerCodes.onlineTraining,
    status: "devis_envoye",
    assigned: true,
    valueHtCents: 207000,
    nextContactInDays: -1,
    ageDays: 25,
  },
];

function dayFrom(today: string, days: number) {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Idempotent: a demo lead already there (same structure and title) is left as it is. */
export async function seedDemoLeads(database: Database, now = new Date()) {
  const [sales] = await database.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${SALES_EMAIL}`);
  if (!sales) throw new Error(`seed: the demo leads need the sales account ${SALES_EMAIL}`);
  const peers = await database.select({ id: tenants.id }).from(tenants).where(like(tenants.slug, "temoin-%")).orderBy(asc(tenants.slug)).limit(4);
  const slugs = demoLeads.map((lead) => lead.structure).filter((s): s is string => typeof s === "string");
  const demoTenantRows = await database.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(inArray(tenants.slug, slugs));
  const catalogue = await database.select({ id: offers.id, code: offers.code }).from(offers);
  const today = parisToday(now);
  for (const demo of demoLeads) {
    const tenantId = typeof demo.structure === "number" ? peers[demo.structure]?.id : demoTenantRows.find((t) => t.slug === demo.structure)?.id;
    if (!tenantId) continue;
    const [existing] = await database
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.title, demo.title)));
    if (existing) continue;
    const createdAt = new Date(now.getTime() - demo.ageDays * 86_400_000);
    const [lead] = await database
      .insert(leads)
      .values({
        tenantId,
        offerId: catalogue.find((offer) => offer.code === demo.offer)?.id ?? null,
        title: demo.title,
        status: demo.status,
        assigneeId: demo.assigned ? sales.id : null,
        valueHtCents: demo.valueHtCents,
        nextContactOn: demo.nextContactInDays === null ? null : dayFrom(today, demo.nextContactInDays),
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: leads.id });
    if (!lead) throw new Error(`seed: lead « ${demo.title} » not created`);
    await database.insert(auditLog).values({
      tenantId,
      actorUserId: sales.id,
      action: "lead.opened",
      targetType: "lead",
      targetId: lead.id,
      details: JSON.stringify({ title: demo.title, status: demo.status }),
      createdAt,
    });
    for (const [index, body] of (demo.notes ?? []).entries()) {
      await database.insert(leadNotes).values({ tenantId, leadId: lead.id, authorId: sales.id, body, createdAt: new Date(createdAt.getTime() + (index + 1) * 86_400_000) });
    }
  }
}
