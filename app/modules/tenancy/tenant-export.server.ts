import { asc, eq, getTableColumns } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import { db, type Executor } from "../../../db/client";
import {
  actionComments,
  actions,
  auditAnswers,
  auditLog,
  audits,
  enrolmentTransitions,
  enrolments,
  invitations,
  invoices,
  laureates,
  membershipRequests,
  memberships,
  orders,
  payments,
  practiceBookmarks,
  practices,
  resultSnapshots,
  tenants,
  users,
} from "../../../db/schema";
import { inTenant } from "../../../db/tenant-context";
import { toCsv } from "~/utils/csv";
import { formatDateTime } from "~/utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import type { TenantContext } from "./guard.server";

/*
 * "Données de la structure": everything the portal holds about one structure, for its owner, as
 * a ZIP (donnees.json + one CSV per table + LISEZMOI.txt). Read inside the tenant's context, so
 * row-level security guarantees that no other structure's row can slip in. Secrets never leave:
 * password hashes and session secrets are not even readable there (column grants), invitation
 * token hashes and Stripe checkout links are left out below.
 */

type Row = Record<string, unknown>;
export type ExportTable = { file: string; title: string; description: string; rows: Row[] };

/** The tables of the archive, in reading order: file name (without extension) → what it holds. */
export const exportTables = [
  ["structure", "Structure", "Identité, catégorie, territoire, accord de vitrine (showcaseConsentAt)."],
  ["membres", "Membres", "Nom, adresse e-mail et rôle de chaque membre."],
  ["invitations", "Invitations", "Invitations envoyées (en attente, acceptées, retirées)."],
  ["demandes-acces", "Demandes d'accès", "Demandes à rejoindre la structure (SIRET ProConnect), leur statut et la décision."],
  ["inscriptions", "Inscriptions", "Inscriptions aux éditions du baromètre, montants et coordonnées de facturation."],
  ["inscriptions-historique", "Historique des inscriptions", "Chaque changement de statut d'une inscription."],
  ["factures", "Factures", "Factures émises (montants en centimes d'euro)."],
  ["paiements", "Paiements", "Paiements par carte ou sur facture (montants en centimes d'euro)."],
  ["commandes", "Commandes et devis", "Demandes de devis et commandes d'offres."],
  ["audits", "Audits mystère", "Les audits réalisés pour chaque édition."],
  ["audits-reponses", "Réponses des audits", "Chaque réponse de chaque audit, par critère du référentiel."],
  ["resultats", "Résultats publiés", "Scores publiés par édition et version (scores détaillés en JSON)."],
  ["plan-action", "Plan d'action", "Les actions du plan, leur statut et leurs échéances."],
  ["plan-action-commentaires", "Historique du plan d'action", "Les commentaires laissés sur les actions."],
  ["favoris", "Bonnes pratiques en favori", "Les bonnes pratiques mises de côté par les membres."],
  ["vitrine", "Vitrine des lauréats", "Les fiches de lauréat liées à la structure."],
  ["journal", "Journal des actions", "Qui a fait quoi sur les données de la structure."],
] as const;
export type ExportTableName = (typeof exportTables)[number][0];

/** Columns that must never leave the database, wherever they appear. */
export const secretColumns = ["passwordHash", "secretHash", "tokenHash", "confirmTokenHash", "checkoutUrl"] as const;

const { tokenHash: _token, ...invitationColumns } = getTableColumns(invitations);
const { checkoutUrl: _checkout, ...paymentColumns } = getTableColumns(payments);
const requestColumns = {
  id: membershipRequests.id,
  userId: membershipRequests.userId,
  name: users.name,
  email: users.email,
  siret: membershipRequests.siret,
  status: membershipRequests.status,
  grantedRole: membershipRequests.grantedRole,
  createdAt: membershipRequests.createdAt,
  decidedAt: membershipRequests.decidedAt,
  decidedBy: membershipRequests.decidedBy,
};
const memberColumns = { userId: memberships.userId, name: users.name, email: users.email, role: memberships.role, createdAt: memberships.createdAt };
const bookmarkColumns = { userId: practiceBookmarks.userId, practiceId: practiceBookmarks.practiceId, practiceNumber: practices.number, practiceTitle: practices.title, createdAt: practiceBookmarks.createdAt };
const showcaseColumns = { id: laureates.id, year: laureates.year, category: laureates.category, mention: laureates.mention, name: laureates.name, slug: laureates.slug, publishedAt: laureates.publishedAt };

/** Each file's columns, in order (an empty table still gets its header line). */
export const exportColumns: Record<ExportTableName, string[]> = {
  structure: Object.keys(getTableColumns(tenants)),
  membres: Object.keys(memberColumns),
  invitations: Object.keys(invitationColumns),
  "demandes-acces": Object.keys(requestColumns),
  inscriptions: Object.keys(getTableColumns(enrolments)),
  "inscriptions-historique": Object.keys(getTableColumns(enrolmentTransitions)),
  factures: Object.keys(getTableColumns(invoices)),
  paiements: Object.keys(paymentColumns),
  commandes: Object.keys(getTableColumns(orders)),
  audits: Object.keys(getTableColumns(audits)),
  "audits-reponses": Object.keys(getTableColumns(auditAnswers)),
  resultats: Object.keys(getTableColumns(resultSnapshots)),
  "plan-action": Object.keys(getTableColumns(actions)),
  "plan-action-commentaires": Object.keys(getTableColumns(actionComments)),
  favoris: Object.keys(bookmarkColumns),
  vitrine: Object.keys(showcaseColumns),
  journal: Object.keys(getTableColumns(auditLog)),
};

/** Every table of the structure, read in its row-level-security context. */
export async function collectTenantData(executor: Executor, tenantId: string): Promise<Record<ExportTableName, Row[]>> {
  const byTenant = <T extends { tenantId: unknown }>(table: T) => eq(table.tenantId as never, tenantId);
  return {
    structure: await executor.select().from(tenants).where(eq(tenants.id, tenantId)),
    membres: await executor.select(memberColumns).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(byTenant(memberships)).orderBy(asc(users.email)),
    invitations: await executor.select(invitationColumns).from(invitations).where(byTenant(invitations)).orderBy(asc(invitations.createdAt)),
    "demandes-acces": await executor.select(requestColumns).from(membershipRequests).innerJoin(users, eq(users.id, membershipRequests.userId)).where(byTenant(membershipRequests)).orderBy(asc(membershipRequests.createdAt)),
    inscriptions: await executor.select().from(enrolments).where(byTenant(enrolments)).orderBy(asc(enrolments.createdAt)),
    "inscriptions-historique": await executor.select().from(enrolmentTransitions).where(byTenant(enrolmentTransitions)).orderBy(asc(enrolmentTransitions.at)),
    factures: await executor.select().from(invoices).where(byTenant(invoices)).orderBy(asc(invoices.createdAt)),
    paiements: await executor.select(paymentColumns).from(payments).where(byTenant(payments)).orderBy(asc(payments.createdAt)),
    commandes: await executor.select().from(orders).where(byTenant(orders)).orderBy(asc(orders.createdAt)),
    audits: await executor.select().from(audits).where(byTenant(audits)).orderBy(asc(audits.editionId), asc(audits.number)),
    "audits-reponses": await executor.select().from(auditAnswers).where(byTenant(auditAnswers)).orderBy(asc(auditAnswers.auditId), asc(auditAnswers.itemCode)),
    resultats: await executor.select().from(resultSnapshots).where(byTenant(resultSnapshots)).orderBy(asc(resultSnapshots.createdAt)),
    "plan-action": await executor.select().from(actions).where(byTenant(actions)).orderBy(asc(actions.createdAt)),
    "plan-action-commentaires": await executor.select().from(actionComments).where(byTenant(actionComments)).orderBy(asc(actionComments.createdAt)),
    favoris: await executor.select(bookmarkColumns).from(practiceBookmarks).innerJoin(practices, eq(practices.id, practiceBookmarks.practiceId)).where(byTenant(practiceBookmarks)).orderBy(asc(practiceBookmarks.createdAt)),
    vitrine: await executor.select(showcaseColumns).from(laureates).where(eq(laureates.linkedTenantId, tenantId)).orderBy(asc(laureates.year)),
    journal: await executor.select().from(auditLog).where(byTenant(auditLog)).orderBy(asc(auditLog.createdAt)),
  };
}

/** A cell of a CSV: instants in ISO 8601 (UTC), booleans "oui"/"non", lists and objects in JSON. */
function csvValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

export function tableCsv(header: string[], rows: Row[]): string {
  return toCsv(
    header,
    rows.map((row) => header.map((key) => csvValue(row[key]))),
  );
}

function readme(tenant: { name: string; slug: string }, exportedAt: Date, data: Record<ExportTableName, Row[]>): string {
  const lines = [
    `Données de la structure « ${tenant.name} » (${tenant.slug})`,
    `Portail du Baromètre Expérience Citoyen — export du ${formatDateTime(exportedAt)} (heure de Paris).`,
    "",
    "Contenu de l'archive",
    "- donnees.json : toutes les données ci-dessous dans un seul fichier JSON (UTF-8), une clé par table, plus la date de l'export (exportedAt).",
    "- un fichier CSV par table, lisible dans un tableur (séparateur « ; », encodage UTF-8 avec BOM) :",
    ...exportTables.map(([file, title, description]) => `  - ${file}.csv — ${title} (${data[file].length} ligne(s)) : ${description}`),
    "",
    "Formats",
    "- Dates et heures : ISO 8601 en temps universel (UTC), par exemple 2027-03-15T09:30:00.000Z.",
    "- Montants : en centimes d'euro (colonnes « …Cents ») ; HT, TVA et TTC sont indiqués séparément.",
    "- Oui / non : « oui » ou « non » dans les CSV, true / false dans le JSON.",
    "- Listes et objets (scores détaillés, références de facture, lignes de commande) : en JSON dans la cellule.",
    "- Identifiants : UUID ; les membres sont désignés par leur identifiant (userId) dans les autres tables.",
    "",
    "Ce que l'archive ne contient pas",
    "- Aucun secret : ni mot de passe (même chiffré), ni jeton de session ou d'invitation, ni lien de paiement Stripe.",
    "- Les données des autres structures (moyennes nationales et de catégorie : voir la page Résultats du portail).",
    "",
    "Conservation : les factures et paiements sont conservés 10 ans (obligation légale), même après la suppression de la structure.",
    "Questions sur vos données personnelles : voir la page « Données personnelles » du portail.",
  ];
  return `${lines.join("\r\n")}\r\n`;
}

/** The ZIP of the structure's data; records the export in the audit log. */
export async function buildTenantExport(ctx: TenantContext, now = new Date()) {
  const data = await inTenant(db(), ctx.tenant.id, async (tx) => {
    const collected = await collectTenantData(tx, ctx.tenant.id);
    await recordAudit(tx, {
      tenantId: ctx.tenant.id,
      actorUserId: ctx.user.id,
      action: "tenant.exported",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      details: Object.fromEntries(exportTables.map(([file]) => [file, collected[file].length])),
    });
    return collected;
  });
  const json = { exportedAt: now.toISOString(), ...data };
  const files: Record<string, Uint8Array> = {
    "LISEZMOI.txt": strToU8(readme(ctx.tenant, now, data)),
    "donnees.json": strToU8(JSON.stringify(json, null, 2)),
  };
  for (const [file] of exportTables) files[`${file}.csv`] = strToU8(tableCsv(exportColumns[file], data[file]));
  const zip = zipSync(files, { level: 6, mtime: now });
  const day = now.toISOString().slice(0, 10);
  return { filename: `donnees-${ctx.tenant.slug}-${day}.zip`, zip, counts: Object.fromEntries(exportTables.map(([file]) => [file, data[file].length])) };
}
