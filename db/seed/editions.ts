import { addDays, addMonths, formatISO } from "date-fns";
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { editionPrices, editions } from "../schema";
import { defaultAuditPlan } from "../../app/modules/editions/audit-plan";
import { referenceOnsiteVisitCents, referencePriceGrid } from "../../app/modules/editions/price-grid";

const day = (d: Date) => formatISO(d, { representation: "date" });

/**
 * 2020's audits gave the on-site visit and postal mail two contacts each (phone two instead of
 * four): with the default split the published 2020 figures (phone 81, global 62) could not hold.
 */
const auditPlan2020 = { telephone: 2, courriel: 3, courrier: 2, site: 2, reseaux_sociaux: 2, accueil_physique: 2 };

/**
 * Past editions (facts from the public material), the 2026 one whose audits are ending (results
 * about to be published) and the open 2027 one.
 */
export function demoEditions(today = new Date()) {
  const past = [
    { year: 2019, number: 7 },
    { year: 2020, number: 8 },
    { year: 2021, number: 9 },
    { year: 2022, number: 10 },
    { year: 2023, number: 11 },
  ].map(({ year, number }) => ({
    year,
    number,
    title: `Baromètre Expérience Citoyen ${year}`,
    status: "closed" as const,
    enrolmentOpensOn: `${year}-02-07`,
    enrolmentClosesOn: `${year}-04-08`,
    auditStartsOn: `${year}-05-02`,
    auditEndsOn: `${year}-06-30`,
    publicationOn: `${year}-11-15`,
    referentialVersion: `${year}.1`,
    termsVersion: `CGV-${year}`,
    auditPlan: year === 2020 ? auditPlan2020 : defaultAuditPlan,
  }));
  // In demo mode the 2026 audits always end in ten days, results are due three weeks from today.
  const auditing = {
    year: 2026,
    number: 12,
    title: "Baromètre Expérience Citoyen 2026",
    status: "closed" as const,
    enrolmentOpensOn: day(addMonths(today, -10)),
    enrolmentClosesOn: day(addMonths(today, -8)),
    auditStartsOn: day(addDays(today, -80)),
    auditEndsOn: day(addDays(today, 10)),
    publicationOn: day(addDays(today, 21)),
    referentialVersion: "2026.1",
    termsVersion: "CGV-2026",
    auditPlan: defaultAuditPlan,
  };
  // In demo mode the open edition's enrolment window always contains today.
  const closes = addMonths(today, 3);
  const open = {
    year: 2027,
    number: 13,
    title: "Baromètre Expérience Citoyen 2027",
    status: "open" as const,
    enrolmentOpensOn: day(addDays(today, -30)),
    enrolmentClosesOn: day(closes),
    auditStartsOn: day(addDays(closes, 14)),
    auditEndsOn: day(addMonths(addDays(closes, 14), 2)),
    publicationOn: day(addMonths(closes, 5)),
    referentialVersion: "2027.1",
    termsVersion: "CGV-2027-01",
    auditPlan: defaultAuditPlan,
  };
  return [...past, auditing, open].map((e) => ({ ...e, onsiteVisitOptional: true, onsiteVisitPriceCents: referenceOnsiteVisitCents }));
}

export async function seedEditions(database: Database, today = new Date()) {
  for (const edition of demoEditions(today)) {
    const [row] = await database
      .insert(editions)
      .values(edition)
      .onConflictDoUpdate({ target: editions.year, set: { ...edition, updatedAt: sql`now()` } })
      .returning({ id: editions.id });
    for (const [category, priceHtCents] of Object.entries(referencePriceGrid)) {
      await database
        .insert(editionPrices)
        .values({ editionId: row!.id, category, priceHtCents })
        .onConflictDoNothing();
    }
  }
}
