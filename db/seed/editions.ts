import { addDays, addMonths, formatISO } from "date-fns";
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { editionPrices, editions } from "../schema";
import { defaultAuditPlan } from "../../app/modules/editions/audit-plan";
import { referenceOnsiteVisitCents, referencePriceGrid } from "../../app/modules/editions/price-grid";

const day = (d: Date) => formatISO(d, { representation: "date" });

/** Past editions (facts from the public material) and the open 2027 one. */
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
  }));
  // In demo mode the open edition's enrolment window always contains today.
  const closes = addMonths(today, 3);
  const open = {
    year: 2027,
    number: 12,
    title: "Baromètre Expérience Citoyen 2027",
    status: "open" as const,
    enrolmentOpensOn: day(addDays(today, -30)),
    enrolmentClosesOn: day(closes),
    auditStartsOn: day(addDays(closes, 14)),
    auditEndsOn: day(addMonths(addDays(closes, 14), 2)),
    publicationOn: day(addMonths(closes, 5)),
    referentialVersion: "2027.1",
    termsVersion: "CGV-2027-01",
  };
  return [...past, open].map((e) => ({ ...e, auditPlan: defaultAuditPlan, onsiteVisitOptional: true, onsiteVisitPriceCents: referenceOnsiteVisitCents }));
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
