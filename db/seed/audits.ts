import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { auditAnswers, audits, editionPrices, editions, enrolments, enrolmentTransitions, referentialItems, referentials, tenants, users } from "../schema";
import { serializeAnswer } from "../../app/modules/audits/answer-value";
import { planAudits } from "../../app/modules/audits/audits.server";
import { priceBreakdown } from "../../app/modules/billing/pricing";
import type { AnswerValue } from "../../app/modules/scoring/scoring";

/**
 * Demo audits: Pagny-sur-Moselle has paid its 2027 enrolment (with the on-site visit) and 9 of its
 * 13 mystery audits are submitted, all assigned to the demo auditor, so the structure's home shows
 * "9 / 13 audits réalisés" and the auditor has audits left to enter. (Not Villeurbanne nor
 * Lambersart: the enrolment journeys make them enrol in 2027 from scratch.)
 * Idempotent: an existing enrolment, audit or answer is kept as it is.
 */
export const DEMO_AUDITED_TENANT = "pagny-sur-moselle";
export const DEMO_SUBMITTED_AUDITS = 9;
const DEMO_AUDITOR = "auditeur@afnor.example";

/** A stable number in [0, 1) for a key: the demo answers are the same at every seed. */
function unit(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return (hash >>> 0) / 2 ** 32;
}

type Item = { code: string; answerType: "yes_no" | "scale" | "measure"; thresholds: { upTo: number; points: number }[] | null };

/** Mostly good service, some misses, a few items not applicable: what a real audit looks like. */
function demoAnswer(item: Item, key: string): AnswerValue {
  const r = unit(key);
  if (r < 0.06) return "na";
  switch (item.answerType) {
    case "yes_no":
      return r < 0.3 ? "non" : "oui";
    case "scale":
      return [1, 2, 3, 3, 4, 4][Math.floor(unit(`${key}:note`) * 6)]!;
    case "measure": {
      const thresholds = item.thresholds ?? [{ upTo: 10, points: 1 }];
      const pick = Math.floor(unit(`${key}:mesure`) * (thresholds.length + 1));
      const upTo = thresholds[Math.min(pick, thresholds.length - 1)]!.upTo;
      return pick >= thresholds.length ? Math.round(upTo * 1.4) : Math.max(1, Math.round(upTo * 0.8));
    }
  }
}

const demoComments = [
  "Constaté à deux reprises pendant le contact.",
  "L'agent s'en est excusé, mais le point n'a pas été corrigé.",
  "Information trouvée seulement après plusieurs essais.",
];

export async function seedDemoAudits(database: Database) {
  const [tenant] = await database.select().from(tenants).where(eq(tenants.slug, DEMO_AUDITED_TENANT));
  const [edition] = await database.select().from(editions).where(eq(editions.year, 2027));
  const [owner] = await database.select({ id: users.id }).from(users).where(eq(users.email, "mairie@pagny-sur-moselle.example"));
  const [auditor] = await database.select({ id: users.id }).from(users).where(eq(users.email, DEMO_AUDITOR));
  if (!tenant || !edition || !auditor) throw new Error("seed: demo audits need the Pagny-sur-Moselle tenant, the 2027 edition and the demo auditor");

  let [enrolment] = await database.select().from(enrolments).where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.editionId, edition.id)));
  if (!enrolment) {
    const [price] = await database
      .select({ priceHtCents: editionPrices.priceHtCents })
      .from(editionPrices)
      .where(and(eq(editionPrices.editionId, edition.id), eq(editionPrices.category, tenant.category)));
    if (!price) throw new Error(`seed: no 2027 price for category ${tenant.category}`);
    const quote = priceBreakdown([
      { label: edition.title, amountHtCents: price.priceHtCents },
      { label: "Option : visite mystère sur place", amountHtCents: edition.onsiteVisitPriceCents },
    ]);
    [enrolment] = await database
      .insert(enrolments)
      .values({
        tenantId: tenant.id,
        editionId: edition.id,
        status: "in_audit",
        category: tenant.category,
        basePriceHtCents: price.priceHtCents,
        onsiteVisit: true,
        onsiteVisitHtCents: edition.onsiteVisitPriceCents,
        totalHtCents: quote.totalHtCents,
        vatCents: quote.vatCents,
        totalTtcCents: quote.totalTtcCents,
        paymentPath: "invoice",
        billingContactName: "Léa Secrétaire générale",
        billingContactEmail: "mairie@pagny-sur-moselle.example",
        billingAddress: "Mairie, 1 place de la République, 54530 Pagny-sur-Moselle",
        engagementNumber: "EJ-2027-0007",
        payerSiret: tenant.siret,
        termsVersion: edition.termsVersion,
        termsAcceptedAt: sql`now() - interval '40 days'`,
        createdBy: owner?.id ?? null,
        paidAt: sql`now() - interval '30 days'`,
      })
      .returning();
    if (!enrolment) throw new Error("seed: Pagny-sur-Moselle enrolment not created");
    const steps: [string | null, string, string][] = [
      [null, "draft", "portail"],
      ["draft", "awaiting_payment", "portail"],
      ["awaiting_payment", "confirmed", "stripe:invoice.finalized"],
      ["confirmed", "paid", "stripe:invoice.paid"],
      ["paid", "in_audit", "audit"],
    ];
    await database
      .insert(enrolmentTransitions)
      .values(steps.map(([fromStatus, toStatus, source]) => ({ tenantId: tenant.id, enrolmentId: enrolment!.id, fromStatus, toStatus, source })));
  }

  await planAudits(database, { tenantId: tenant.id, enrolmentId: enrolment.id });
  await database
    .update(audits)
    .set({ auditorUserId: auditor.id })
    .where(and(eq(audits.tenantId, tenant.id), eq(audits.editionId, edition.id), isNull(audits.auditorUserId)));

  const planned = await database
    .select()
    .from(audits)
    .where(and(eq(audits.tenantId, tenant.id), eq(audits.editionId, edition.id)))
    .orderBy(asc(audits.number));
  for (const audit of planned.slice(0, DEMO_SUBMITTED_AUDITS)) {
    if (audit.status === "submitted") continue;
    const items = await database
      .select({ code: referentialItems.code, answerType: referentialItems.answerType, thresholds: referentialItems.thresholds })
      .from(referentialItems)
      .innerJoin(referentials, eq(referentials.id, referentialItems.referentialId))
      .where(and(eq(referentials.editionId, edition.id), eq(referentialItems.channel, audit.channel)));
    if (items.length === 0) continue;
    await database
      .insert(auditAnswers)
      .values(
        items.map((item) => {
          const key = `${audit.number}:${item.code}`;
          const value = demoAnswer(item, key);
          const comment = value === "non" && unit(`${key}:commentaire`) < 0.25 ? demoComments[audit.number % demoComments.length]! : null;
          return {
            tenantId: tenant.id,
            auditId: audit.id,
            itemCode: item.code,
            value: serializeAnswer(value),
            measuredValue: typeof value === "number" && item.answerType === "measure" ? value : null,
            comment,
          };
        }),
      )
      .onConflictDoNothing();
    const daysAgo = (DEMO_SUBMITTED_AUDITS - audit.number + 1) * 2;
    await database
      .update(audits)
      .set({ status: "submitted", auditedAt: sql`now() - make_interval(days => ${daysAgo})`, submittedAt: sql`now() - make_interval(days => ${daysAgo - 1})` })
      .where(and(eq(audits.tenantId, tenant.id), eq(audits.id, audit.id)));
  }
}
