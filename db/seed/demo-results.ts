import { and, eq } from "drizzle-orm";
import type { Database } from "../client";
import { auditAnswers, audits, editions, enrolments, publications, staffRoles, tenants } from "../schema";
import { deriveCategory } from "../../app/modules/tenancy/categories";
import { completeSiret } from "../../app/modules/tenancy/siret";
import { allTerritories } from "../../app/modules/tenancy/territories.server";
import { publishEditionResults } from "../../app/modules/results/publication.server";
import { defaultAuditPlan } from "../../app/modules/editions/audit-plan";
import { referentialItems, type SeedItem } from "./referential-data";

/** A small deterministic pseudo-random generator: the same demo data on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const channelOrder = Object.keys(defaultAuditPlan) as (keyof typeof defaultAuditPlan)[];

function answerFor(item: SeedItem, quality: number, rand: () => number): string {
  const roll = rand();
  if (roll < 0.04) return "na";
  if (item.answerType === "yes_no") return roll < quality ? "oui" : "non";
  if (item.answerType === "scale") return String(Math.max(0, Math.min(4, Math.round(quality * 4 + (rand() - 0.5) * 2))));
  const thresholds = item.thresholds ?? [];
  const good = roll < quality;
  const pick = good ? thresholds[0] : thresholds[thresholds.length - 1];
  return String(good ? (pick?.upTo ?? 1) : (pick?.upTo ?? 1) * 2 + 1);
}

/**
 * Published results for the 2022 and 2023 editions: the demo tenants plus peer town halls taken
 * from the official list of communes, so benchmarks and evolution look real. Idempotent.
 */
export async function seedDemoResults(database: Database, demoTenantSlugs: string[]) {
  const [admin] = await database.select({ userId: staffRoles.userId }).from(staffRoles).where(eq(staffRoles.role, "admin")).limit(1);
  if (!admin) return;
  const peers = pickPeerCommunes();
  const peerTenants = [];
  for (const commune of peers) {
    const values = {
      slug: `temoin-${commune.code.toLowerCase()}`,
      name: `Ville de ${commune.name}`,
      kind: "commune",
      category: deriveCategory("commune", commune.population),
      siret: completeSiret(commune.siren!, "0001"),
      territoryCode: commune.code,
      population: commune.population,
      departementCode: commune.departementCode,
      departementName: commune.departementName,
      regionCode: commune.regionCode,
      regionName: commune.regionName,
    };
    const [row] = await database.insert(tenants).values(values).onConflictDoUpdate({ target: tenants.slug, set: { name: values.name } }).returning();
    peerTenants.push(row!);
  }
  const demo = await database.select().from(tenants);
  const participants = [...demo.filter((t) => demoTenantSlugs.includes(t.slug)), ...peerTenants];
  for (const [offset, year] of [2022, 2023].entries()) {
    const [edition] = await database.select().from(editions).where(eq(editions.year, year));
    if (!edition) continue;
    const [published] = await database.select().from(publications).where(eq(publications.editionId, edition.id)).limit(1);
    if (published) continue;
    for (const [index, tenant] of participants.entries()) {
      const rand = random(index * 7919 + year);
      // Quality improves a little from 2022 to 2023, as the published national figures did.
      const quality = 0.5 + rand() * 0.35 + offset * 0.04;
      const [enrolment] = await database
        .insert(enrolments)
        .values({
          tenantId: tenant.id,
          editionId: edition.id,
          status: "in_audit",
          category: tenant.category,
          basePriceHtCents: 149_000,
          totalHtCents: 149_000,
          vatCents: 29_800,
          totalTtcCents: 178_800,
          paymentPath: "invoice",
          billingContactName: "Service qualité",
          billingContactEmail: `qualite@${tenant.slug}.example`,
          billingAddress: `Hôtel de ville, ${tenant.name}`,
          payerSiret: tenant.siret,
          termsVersion: edition.termsVersion,
          termsAcceptedAt: new Date(`${year}-03-01T10:00:00Z`),
          paidAt: new Date(`${year}-04-01T10:00:00Z`),
        })
        .onConflictDoNothing()
        .returning();
      if (!enrolment) continue;
      let number = 0;
      for (const channel of channelOrder) {
        for (let n = 0; n < defaultAuditPlan[channel]; n++) {
          number++;
          const [audit] = await database
            .insert(audits)
            .values({
              tenantId: tenant.id,
              editionId: edition.id,
              enrolmentId: enrolment.id,
              number,
              channel,
              scenario: "Audit mystère de démonstration",
              status: "submitted",
              auditedAt: new Date(`${year}-05-${String(2 + number * 2).padStart(2, "0")}T09:00:00Z`),
              submittedAt: new Date(`${year}-05-${String(2 + number * 2).padStart(2, "0")}T12:00:00Z`),
            })
            .returning();
          const channelQuality = Math.max(0.05, Math.min(0.98, quality + (channel === "telephone" ? 0.12 : channel === "courrier" ? -0.15 : 0)));
          await database.insert(auditAnswers).values(
            referentialItems
              .filter((item) => item.channel === channel)
              .map((item) => ({ tenantId: tenant.id, auditId: audit!.id, itemCode: item.code, value: answerFor(item, channelQuality, rand) })),
          );
        }
      }
    }
    await publishEditionResults(admin.userId, year);
  }
}

/** Peer town halls: the most populous communes of each band, from the official dataset. */
function pickPeerCommunes() {
  const communes = allTerritories("commune").filter((c) => c.siren && c.population !== null);
  const band = (min: number, max: number, count: number) =>
    communes
      .filter((c) => (c.population ?? 0) >= min && (c.population ?? 0) < max && !["69266", "59328", "54415"].includes(c.code))
      .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
      .slice(0, count);
  return [...band(50_000, 10_000_000, 12), ...band(20_000, 50_000, 12), ...band(3_000, 20_000, 8)];
}

export async function hasDemoResults(database: Database) {
  const [row] = await database.select().from(publications).innerJoin(editions, and(eq(editions.id, publications.editionId), eq(editions.year, 2023))).limit(1);
  return Boolean(row);
}
