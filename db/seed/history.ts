import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { auditAnswers, audits, editions, enrolments, enrolmentTransitions, publications, staffRoles, tenants, users } from "../schema";
import { serializeAnswer } from "../../app/modules/audits/answer-value";
import { referencePriceGrid } from "../../app/modules/editions/price-grid";
import { proposeActions } from "../../app/modules/action-plan/proposals";
import { channelLabels } from "../../app/modules/editions/audit-plan";
import { importArchivedResults, loadDeterminantLabels, loadReferential, type ScoredStructure } from "../../app/modules/results/publication.server";
import { isBarometerCategory } from "../../app/modules/tenancy/categories";
import { scoreStructure, type Answer, type Audit, type ReferentialItem } from "../../app/modules/scoring/scoring";
import { demoPeers, participantsOf, type PeerStructure } from "./peers";
import { editionTargets, generateEdition, type GeneratedStructure, type SyntheticStructure } from "./synthetic-results";

/** How many peers took part in each past edition (2019–2021: the published participation). */
const pastParticipation: Record<number, number> = { 2019: 229, 2020: 319, 2021: 347, 2022: 300, 2023: 310 };

/** The demo tenants' barometer history: Villeurbanne every year (2020 laureate), Lambersart since 2020 (2021 laureate). */
const demoHistory: Record<string, { years: number[]; effect: number; boost: Partial<Record<number, number>> }> = {
  villeurbanne: { years: [2019, 2020, 2021, 2022, 2023, 2026], effect: 0.1, boost: { 2020: 0.06 } },
  lambersart: { years: [2020, 2021, 2022, 2023], effect: 0.05, boost: { 2021: 0.09 } },
};

/** The 2026 edition is being audited: these many peers have all their audits submitted. */
const AUDITING_YEAR = 2026;
const AUDITING_PEERS = 40;
const auditingTarget = { global: 66 };
const DEMO_AUDITOR = "auditeur@afnor.example";

type Participant = SyntheticStructure & { tenantId: string; siret: string; name: string; storeAnswers: boolean };

/**
 * The barometer's history for the demo: ~380 peer structures (real authorities, synthetic answers),
 * the published 2019–2023 editions calibrated on the national figures, and the 2026 edition under
 * audit (Villeurbanne's last audit left to the demo auditor, so staff can publish). Idempotent:
 * an edition already published, or already holding enrolments, is left as it is.
 */
export async function seedHistory(database: Database) {
  const [admin] = await database.select({ userId: staffRoles.userId }).from(staffRoles).where(eq(staffRoles.role, "admin")).limit(1);
  if (!admin) throw new Error("seed: the history needs the demo admin");
  const peers = await upsertPeers(database, demoPeers());
  const demo = await database.select().from(tenants).where(inArray(tenants.slug, Object.keys(demoHistory)));

  const participantsFor = (year: number, yearPeers: Participant[]): Participant[] => [
    ...demo
      .filter((t) => demoHistory[t.slug]!.years.includes(year))
      .map((t) => ({
        key: t.slug,
        tenantId: t.id,
        siret: t.siret,
        name: t.name,
        category: t.category,
        certified: t.certifications.length > 0,
        effect: demoHistory[t.slug]!.effect,
        boost: demoHistory[t.slug]!.boost,
        storeAnswers: true,
      })),
    ...yearPeers.map((p) => ({ ...p, storeAnswers: year === AUDITING_YEAR })),
  ];

  for (const [yearText, peerCount] of Object.entries(pastParticipation)) {
    const year = Number(yearText);
    const [edition] = await database.select().from(editions).where(eq(editions.year, year));
    if (!edition) continue;
    const [published] = await database.select().from(publications).where(eq(publications.editionId, edition.id)).limit(1);
    if (published) continue;
    const items = await loadReferential(database, edition.id);
    const determinantLabels = await loadDeterminantLabels(database, edition.id);
    const participants = participantsFor(year, participantsOf(peers, year, peerCount));
    const generated = generateEdition(items, edition.auditPlan, year, participants, editionTargets[year]!);
    const scored: ScoredStructure[] = [];
    await database.transaction(async (tx) => {
      const enrolmentIds = await insertEnrolments(tx as unknown as Database, edition, participants, "results_published");
      for (const [index, participant] of participants.entries()) {
        const result = generated[index]!;
        if (!participant.storeAnswers) {
          scored.push({ tenantId: participant.tenantId, category: participant.category, certified: participant.certified, card: result.card });
          continue;
        }
        const stored = await storeAudits(tx as unknown as Database, items, { editionId: edition.id, tenantId: participant.tenantId, enrolmentId: enrolmentIds.get(participant.tenantId)! }, result, null);
        // Re-scored with the stored audits' ids, so explanations point at real audits; the demo
        // tenants also get the action plan their results propose.
        const card = scoreStructure(items, stored.audits, stored.answers);
        const proposals = proposeActions({ card, items, answers: stored.answers, determinantLabels, channelLabels });
        scored.push({ tenantId: participant.tenantId, category: participant.category, certified: participant.certified, card, proposals });
      }
      await importArchivedResults(tx, edition.id, admin.userId, scored);
    });
  }
  await seedAuditingEdition(database, peers, participantsFor);
}

/** 2026: every participant's audits submitted, except Villeurbanne's last one, planned for the demo auditor. */
async function seedAuditingEdition(database: Database, peers: Participant[], participantsFor: (year: number, yearPeers: Participant[]) => Participant[]) {
  const [edition] = await database.select().from(editions).where(eq(editions.year, AUDITING_YEAR));
  if (!edition || peers.length === 0) return;
  const [existing] = await database.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.editionId, edition.id)).limit(1);
  if (existing) return;
  const [auditor] = await database.select({ id: users.id }).from(users).where(eq(users.email, DEMO_AUDITOR));
  const items = await loadReferential(database, edition.id);
  // Nine large cities among them, so Villeurbanne's category has figures once published.
  const ranked = participantsOf(peers, AUDITING_YEAR, peers.length);
  const large = ranked.filter((p) => p.category === "commune_plus_50000").slice(0, 9);
  const others = ranked.filter((p) => p.category !== "commune_plus_50000").slice(0, AUDITING_PEERS - large.length);
  const participants = participantsFor(AUDITING_YEAR, [...large, ...others]);
  const generated = generateEdition(items, edition.auditPlan, AUDITING_YEAR, participants, auditingTarget);
  await database.transaction(async (tx) => {
    const enrolmentIds = await insertEnrolments(tx as unknown as Database, edition, participants, "in_audit");
    for (const [index, participant] of participants.entries()) {
      const result = generated[index]!;
      const leftToAudit = participant.key === "villeurbanne" ? { number: result.audits.length, auditorUserId: auditor?.id ?? null } : null;
      await storeAudits(tx as unknown as Database, items, { editionId: edition.id, tenantId: participant.tenantId, enrolmentId: enrolmentIds.get(participant.tenantId)! }, result, leftToAudit);
    }
  });
}

async function upsertPeers(database: Database, peers: PeerStructure[]): Promise<Participant[]> {
  const values = peers.map((p) => ({
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    category: p.category,
    siret: p.siret,
    territoryCode: p.territory.code,
    population: p.territory.population,
    departementCode: p.territory.departementCode,
    departementName: p.territory.departementName,
    regionCode: p.territory.regionCode,
    regionName: p.territory.regionName,
    certifications: p.certifications,
  }));
  for (let i = 0; i < values.length; i += 200) await database.insert(tenants).values(values.slice(i, i + 200)).onConflictDoNothing();
  const rows = await database.select().from(tenants).where(inArray(tenants.slug, peers.map((p) => p.slug)));
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  return peers.map((p) => {
    const row = bySlug.get(p.slug)!;
    return { key: p.slug, tenantId: row.id, siret: row.siret, name: row.name, category: row.category, certified: row.certifications.length > 0, effect: p.effect, storeAnswers: false };
  });
}

type EditionRow = typeof editions.$inferSelect;

async function insertEnrolments(database: Database, edition: EditionRow, participants: Participant[], status: "in_audit" | "results_published") {
  const year = edition.year;
  const rows = participants.map((p) => {
    const base = isBarometerCategory(p.category) ? referencePriceGrid[p.category] : 149_000;
    const ht = base + 45_000;
    const vat = Math.round(ht * 0.2);
    return {
      tenantId: p.tenantId,
      editionId: edition.id,
      status,
      category: p.category,
      basePriceHtCents: base,
      onsiteVisit: true,
      onsiteVisitHtCents: 45_000,
      totalHtCents: ht,
      vatCents: vat,
      totalTtcCents: ht + vat,
      paymentPath: "invoice" as const,
      billingContactName: "Service qualité",
      billingContactEmail: `qualite@${p.key}.example`,
      billingAddress: p.name,
      payerSiret: p.siret,
      termsVersion: edition.termsVersion,
      termsAcceptedAt: new Date(`${year === AUDITING_YEAR ? 2026 : year}-03-01T10:00:00Z`),
      paidAt: new Date(`${year === AUDITING_YEAR ? 2026 : year}-04-01T10:00:00Z`),
    };
  });
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await database.insert(enrolments).values(rows.slice(i, i + 200)).returning({ id: enrolments.id, tenantId: enrolments.tenantId });
    for (const row of inserted) ids.set(row.tenantId, row.id);
  }
  // The demo tenants' enrolments tell their whole story; the peers' are archive lines.
  const storied = participants.filter((p) => p.storeAnswers || status === "in_audit");
  const steps: [string | null, string][] = [
    [null, "draft"],
    ["draft", "awaiting_payment"],
    ["awaiting_payment", "confirmed"],
    ["confirmed", "paid"],
    ["paid", "in_audit"],
    ...(status === "results_published" ? [["in_audit", "results_published"] as [string, string]] : []),
  ];
  const transitions = storied.flatMap((p) =>
    steps.map(([fromStatus, toStatus], index) => ({
      tenantId: p.tenantId,
      enrolmentId: ids.get(p.tenantId)!,
      fromStatus,
      toStatus,
      source: toStatus === "results_published" ? "publication" : "archive",
      at: new Date(Date.UTC(year, 1 + index, 10)),
    })),
  );
  for (let i = 0; i < transitions.length; i += 500) await database.insert(enrolmentTransitions).values(transitions.slice(i, i + 500));
  return ids;
}

/** Writes a structure's generated audits and answers; `leftToAudit` stays planned, without answers. */
async function storeAudits(
  database: Database,
  items: ReferentialItem[],
  { editionId, tenantId, enrolmentId }: { editionId: string; tenantId: string; enrolmentId: string },
  generated: GeneratedStructure,
  leftToAudit: { number: number; auditorUserId: string | null } | null,
): Promise<{ audits: Audit[]; answers: Answer[] }> {
  const idOf = new Map(generated.audits.map((a) => [a.id, randomUUID()]));
  const storedAudits = generated.audits.map((a) => ({ ...a, id: idOf.get(a.id)! }));
  const planned = (a: Audit) => leftToAudit !== null && a.number === leftToAudit.number;
  await database.insert(audits).values(
    storedAudits.map((a) => ({
      tenantId,
      id: a.id,
      editionId,
      enrolmentId,
      number: a.number,
      channel: a.channel,
      scenario: scenarios[a.channel] ?? "Demande d'information générale",
      plannedOn: a.date.slice(0, 10),
      status: planned(a) ? ("planned" as const) : ("submitted" as const),
      auditorUserId: planned(a) ? leftToAudit!.auditorUserId : null,
      auditedAt: planned(a) ? null : new Date(a.date),
      submittedAt: planned(a) ? null : new Date(new Date(a.date).getTime() + 3 * 3600_000),
    })),
  );
  const kept = new Set(storedAudits.filter((a) => !planned(a)).map((a) => a.id));
  const answers = generated.answers.map((a) => ({ ...a, auditId: idOf.get(a.auditId)! })).filter((a) => kept.has(a.auditId));
  const measured = new Set(items.filter((i) => i.answerType === "measure").map((i) => i.code));
  const rows = answers.map((a) => ({
    tenantId,
    auditId: a.auditId,
    itemCode: a.itemCode,
    value: serializeAnswer(a.value),
    measuredValue: typeof a.value === "number" && measured.has(a.itemCode) ? a.value : null,
  }));
  for (let i = 0; i < rows.length; i += 1000) await database.insert(auditAnswers).values(rows.slice(i, i + 1000));
  return { audits: storedAudits.filter((a) => kept.has(a.id)), answers };
}

/** What the mystery auditor asks, per channel. */
const scenarios: Record<string, string> = {
  telephone: "Demande des pièces à fournir pour une carte d'identité",
  courriel: "Question sur l'inscription à la cantine scolaire",
  courrier: "Demande d'attestation de domicile par lettre",
  site: "Recherche des horaires et des démarches en ligne",
  reseaux_sociaux: "Message privé sur la collecte des encombrants",
  accueil_physique: "Visite pour une demande de logement social",
};

export async function hasDemoHistory(database: Database) {
  const [row] = await database.select().from(publications).innerJoin(editions, and(eq(editions.id, publications.editionId), eq(editions.year, 2023))).limit(1);
  return Boolean(row);
}
