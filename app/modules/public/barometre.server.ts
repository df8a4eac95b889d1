import { and, asc, gt, ne, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { editions } from "../../../db/schema";
import type { AuditPlan } from "../../../db/schema/editions";
import { getIdentity } from "../auth/guards.server";
import { priceBreakdown } from "../billing/pricing";
import { auditCount, channelLabels, defaultAuditPlan } from "../editions/audit-plan";
import { getEditionPrices, getOpenEdition, type Edition } from "../editions/editions.server";
import { barometerCategories, barometerCategoryLabels, isBarometerCategory } from "../tenancy/categories";
import { can } from "../tenancy/permissions";
import { formatDate, formatEuros } from "../../utils/format";

/** A price as the page shows it: HT, VAT and TTC, in cents and formatted fr-FR. */
export type DisplayedPrice = { htCents: number; vatCents: number; ttcCents: number; ht: string; vat: string; ttc: string };

export type PriceRow = DisplayedPrice & { category: string; label: string };

export type ChannelRow = { channel: keyof AuditPlan; label: string; count: number; optional: boolean };

export type CallToAction =
  | { kind: "signup"; links: [{ to: string; label: string }] }
  | { kind: "create-structure"; links: [{ to: string; label: string }] }
  | { kind: "enrol"; links: { to: string; label: string; tenantName: string }[] }
  | { kind: "my-space"; links: [{ to: string; label: string }] };

export const SIGNUP_TARGET = "/inscription?redirectTo=/barometre";

/** The price of one item through the same computation as quotes and invoices (VAT once, rounded half-up). */
function displayedPrice(label: string, amountHtCents: number): DisplayedPrice {
  const { totalHtCents, vatCents, totalTtcCents } = priceBreakdown([{ label, amountHtCents }]);
  return {
    htCents: totalHtCents,
    vatCents,
    ttcCents: totalTtcCents,
    ht: formatEuros(totalHtCents),
    vat: formatEuros(vatCents),
    ttc: formatEuros(totalTtcCents),
  };
}

function categoryOrder(category: string) {
  const index = (barometerCategories as readonly string[]).indexOf(category);
  return index === -1 ? barometerCategories.length : index;
}

function channelRows(plan: AuditPlan, onsiteVisitOptional: boolean): ChannelRow[] {
  return (Object.keys(channelLabels) as (keyof AuditPlan)[])
    .filter((channel) => (plan[channel] ?? 0) > 0)
    .map((channel) => ({
      channel,
      label: channelLabels[channel],
      count: plan[channel],
      optional: channel === "accueil_physique" && onsiteVisitOptional,
    }));
}

function editionCalendar(edition: Edition) {
  return {
    title: edition.title,
    year: edition.year,
    number: edition.number,
    enrolmentOpensOn: formatDate(edition.enrolmentOpensOn),
    enrolmentClosesOn: formatDate(edition.enrolmentClosesOn),
    auditStartsOn: formatDate(edition.auditStartsOn),
    auditEndsOn: formatDate(edition.auditEndsOn),
    publicationOn: formatDate(edition.publicationOn),
  };
}

/** The next edition whose enrolment has not opened yet (for the page shown between two campaigns). */
async function upcomingEdition() {
  const today = sql`(now() at time zone 'Europe/Paris')::date`;
  const [edition] = await db()
    .select({ title: editions.title, year: editions.year, enrolmentOpensOn: editions.enrolmentOpensOn })
    .from(editions)
    .where(and(ne(editions.status, "closed"), gt(editions.enrolmentOpensOn, today)))
    .orderBy(asc(editions.enrolmentOpensOn))
    .limit(1);
  return edition ? { title: edition.title, year: edition.year, enrolmentOpensOn: formatDate(edition.enrolmentOpensOn) } : null;
}

/** Where the page's "enrol" button leads, depending on who is looking. */
export async function callToActionFor(request: Request): Promise<CallToAction> {
  const identity = await getIdentity(request);
  if (!identity) return { kind: "signup", links: [{ to: SIGNUP_TARGET, label: "Créer un compte et inscrire ma structure" }] };
  const tenants = identity.memberships;
  if (tenants.length === 0) return { kind: "create-structure", links: [{ to: "/structures/nouvelle", label: "Créer l'espace de ma structure" }] };
  const owned = tenants.filter((tenant) => can(tenant.role, "enrolment.manage"));
  if (owned.length === 0) return { kind: "my-space", links: [{ to: "/mon-espace", label: "Aller dans mon espace" }] };
  return {
    kind: "enrol",
    links: owned.map((tenant) => ({ to: `/t/${tenant.slug}/inscription`, label: `Inscrire ${tenant.name}`, tenantName: tenant.name })),
  };
}

/** Everything the public page /barometre shows. */
export async function barometrePage(request: Request) {
  const [edition, callToAction] = await Promise.all([getOpenEdition(), callToActionFor(request)]);
  const plan = edition?.auditPlan ?? defaultAuditPlan;
  const onsiteVisitOptional = edition?.onsiteVisitOptional ?? true;
  const channels = channelRows(plan, onsiteVisitOptional);
  const auditPlan = { channels, total: auditCount(plan, true), totalWithoutOnsiteVisit: auditCount(plan, false) };

  if (!edition) {
    return { edition: null, upcoming: await upcomingEdition(), auditPlan, prices: [] as PriceRow[], onsiteVisit: null, callToAction };
  }

  const prices: PriceRow[] = (await getEditionPrices(edition.id))
    .map(({ category, priceHtCents }) => ({
      category,
      label: isBarometerCategory(category) ? barometerCategoryLabels[category] : category,
      ...displayedPrice(category, priceHtCents),
    }))
    .sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category));

  const onsiteVisit =
    edition.onsiteVisitOptional && edition.onsiteVisitPriceCents > 0
      ? displayedPrice("Option : visite mystère sur place", edition.onsiteVisitPriceCents)
      : null;

  return { edition: editionCalendar(edition), upcoming: null, auditPlan, prices, onsiteVisit, callToAction };
}

export type BarometrePage = Awaited<ReturnType<typeof barometrePage>>;
