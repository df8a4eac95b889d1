import { and, eq, inArray, isNull } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { audits, editions, enrolments, referentialItems, referentials, tenants } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { channelLabels } from "../editions/audit-plan";
import { enrolmentStatusLabels, type EnrolmentStatus } from "../enrolment/state-machine";
import type { ChannelCode } from "../scoring/scoring";
import { normaliseSiret } from "../tenancy/siret";
import { parseAnswerValue, serializeAnswer } from "./answer-value";
import { auditSchedule } from "./schedule";
import { upsertAnswers, upsertAudits, type ExistingAudit, type PendingAnswer, type PlannedAudit } from "./import-write.server";
import { decodeCsv, detectDelimiter, hasExtraCells, importLineSchema, lineError, mapHeader, namedCells, readCsvRows, type ImportColumn, type ImportLine } from "./import-format";

/*
 * Bulk import of audit answers (one CSV line per answer), all or nothing: every line is checked
 * first, and only a file without a single error is written, in one transaction. Idempotent by
 * tenant × edition × audit number × item: importing the same file again changes nothing.
 */

export type ImportSummary = {
  lines: number;
  tenants: number;
  audits: { created: number; updated: number };
  answers: { created: number; updated: number; unchanged: number };
};
export type ImportResult = { ok: true; dryRun: boolean; summary: ImportSummary } | { ok: false; errors: string[]; errorCount: number };

export type ImportInput = {
  buffer: Buffer;
  editionYear: number;
  /** The staff member who imports (null from the command line). */
  actorUserId: string | null;
  dryRun: boolean;
  source?: "back-office" | "cli";
  /** Called as lines are checked then written: `done` goes from 0 to `total` (twice the number of lines). */
  onProgress?: (done: number, total: number) => void;
};

/** Errors listed in full; beyond, only counted. */
export const MAX_REPORTED_ERRORS = 200;
/** Audits whose answers may be imported: the structure has ordered (invoice) or paid its audits. */
const importableStatuses: ReadonlySet<string> = new Set<EnrolmentStatus>(["confirmed", "paid", "in_audit", "results_published"]);
/** numeric(12, 2) holds at most 10 digits before the decimal point. */
const MAX_MEASURE = 9_999_999_999.99;
const PROGRESS_STEP = 5000;

type Tenant = { id: string; slug: string; siret: string };
type Enrolment = { id: string; status: string; onsiteVisit: boolean };

class ErrorReport {
  readonly messages: { text: string }[] = [];
  count = 0;
  add(line: number, column: ImportColumn | null, message: string) {
    this.count += 1;
    const entry = { text: lineError(line, column, message) };
    if (this.messages.length < MAX_REPORTED_ERRORS) this.messages.push(entry);
    return entry;
  }
  result(): ImportResult {
    return { ok: false, errors: this.messages.map((m) => m.text), errorCount: this.count };
  }
}

function fail(message: string): ImportResult {
  return { ok: false, errors: [message], errorCount: 1 };
}

class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super("simulation : transaction annulée");
  }
}

const frenchDay = (iso: string) => iso.split("-").reverse().join("/");

export async function importAuditAnswers(input: ImportInput): Promise<ImportResult> {
  const { text, encoding } = decodeCsv(input.buffer);
  const delimiter = detectDelimiter(text);
  const parsed = readCsvRows(text, delimiter);
  if (!parsed.ok) return fail(parsed.error);
  const [headerRow, ...rows] = parsed.rows;
  if (!headerRow) return fail("Le fichier est vide.");
  const header = mapHeader(headerRow.cells);
  if (!header.ok) return { ok: false, errors: header.errors, errorCount: header.errors.length };
  if (rows.length === 0) return fail("Le fichier ne contient aucune ligne de réponse sous les en-têtes.");
  const total = rows.length * 2;
  const progress = (done: number) => input.onProgress?.(Math.min(done, total), total);

  const [edition] = await db().select().from(editions).where(eq(editions.year, input.editionYear));
  if (!edition) return fail(`L'édition ${input.editionYear} n'existe pas.`);
  // Audit numbers follow the edition's plan (1..12, or 13 with the on-site visit), as planAudits numbers them.
  const planChannels = (onsiteVisit: boolean) =>
    auditSchedule(edition.auditPlan, {
      withOnsiteVisit: onsiteVisit || !edition.onsiteVisitOptional,
      startsOn: edition.auditStartsOn,
      endsOn: edition.auditEndsOn,
    }).map((slot) => slot.channel);
  const plans = { withVisit: planChannels(true), withoutVisit: planChannels(false) };
  const [referential] = await db().select({ id: referentials.id }).from(referentials).where(eq(referentials.editionId, edition.id));
  if (!referential) return fail(`L'édition ${edition.year} n'a pas encore de référentiel d'audit.`);
  const itemRows = await db()
    .select({ code: referentialItems.code, channel: referentialItems.channel, answerType: referentialItems.answerType })
    .from(referentialItems)
    .where(eq(referentialItems.referentialId, referential.id));
  const items = new Map(itemRows.map((item) => [item.code.toUpperCase(), item]));

  // Every structure named in the file, with its enrolment and existing audits, in three queries.
  const lines = rows.map((row) => namedCells(row.cells, header.columns));
  const sirets = new Set<string>();
  const slugs = new Set<string>();
  for (const line of lines) {
    if (line.siret.trim()) sirets.add(normaliseSiret(line.siret));
    else if (line.structure.trim()) slugs.add(line.structure.trim().toLowerCase());
  }
  const lookup = await loadTenants([...sirets], [...slugs], edition.id);

  const errors = new ErrorReport();
  // A structure that is unknown or not enrolled is reported once, on its first line, with a count.
  const tenantErrors = new Map<string, { entry: { text: string }; message: string; lines: number }>();
  const reportTenant = (key: string, line: number, column: ImportColumn, message: string) => {
    const known = tenantErrors.get(key);
    if (known) return void (known.lines += 1);
    tenantErrors.set(key, { entry: errors.add(line, column, `${message}.`), message, lines: 1 });
  };
  const plannedAudits = new Map<string, PlannedAudit>();
  const answerLines = new Map<string, number>();
  const answers: PendingAnswer[] = [];
  const usedTenants = new Set<string>();

  rows.forEach((row, index) => {
    if (index % PROGRESS_STEP === 0) progress(index);
    const lineNumber = row.line;
    if (hasExtraCells(row.cells, headerRow.cells.length)) {
      errors.add(lineNumber, null, `plus de valeurs que de colonnes : une valeur contenant « ${delimiter} » doit être entre guillemets.`);
      return;
    }
    const result = importLineSchema.safeParse(lines[index]);
    if (!result.success) {
      for (const issue of result.error.issues) errors.add(lineNumber, (issue.path[0] as ImportColumn | undefined) ?? null, issue.message);
      return;
    }
    const line = result.data;

    const resolved = resolveTenant(line, lookup, edition.year);
    if (!resolved.ok) reportTenant(resolved.key, lineNumber, resolved.column, resolved.message);
    const { tenant, enrolment } = resolved.ok ? resolved : { tenant: null, enrolment: null };

    // The item, its channel and the value (checked even when the structure is unknown).
    const item = items.get(line.code_item.toUpperCase());
    let stored: { value: string; measuredValue: number | null } | null = null;
    if (!item) {
      errors.add(lineNumber, "code_item", `« ${line.code_item} » n'est pas un item du référentiel ${edition.year}.`);
    } else {
      if (item.channel !== line.canal)
        errors.add(lineNumber, "canal", `l'item ${item.code} relève du canal ${channelLabels[item.channel as ChannelCode]}, pas ${channelLabels[line.canal]}.`);
      const answer = parseAnswerValue(item, line.valeur);
      if (!answer.ok) errors.add(lineNumber, "valeur", answer.message);
      else if (typeof answer.value === "number" && answer.value > MAX_MEASURE)
        errors.add(lineNumber, "valeur", `« ${line.valeur} » est une mesure trop grande.`);
      else
        stored = {
          value: serializeAnswer(answer.value),
          measuredValue: item.answerType === "measure" && typeof answer.value === "number" ? answer.value : null,
        };
    }
    if (!tenant || !enrolment) return;

    // The audit's channel is the plan's; one date per audit in the file; an audit already there agrees.
    const auditKey = `${tenant.id}:${line.numero_audit}`;
    const label = `l'audit n° ${line.numero_audit} de « ${tenant.slug} »`;
    const plan = enrolment.onsiteVisit ? plans.withVisit : plans.withoutVisit;
    const planChannel = plan[line.numero_audit - 1];
    const planned = plannedAudits.get(auditKey);
    if (!planChannel) {
      errors.add(lineNumber, "numero_audit", `l'édition ${edition.year} prévoit ${plan.length} audits pour « ${tenant.slug} » : pas d'audit n° ${line.numero_audit}.`);
    } else if (planChannel !== line.canal) {
      errors.add(lineNumber, "canal", `${label} est un audit ${channelLabels[planChannel]} dans le plan de l'édition ${edition.year}.`);
    } else if (planned) {
      if (planned.date !== line.date) errors.add(lineNumber, "date", `${label} est daté du ${frenchDay(planned.date)} à la ligne ${planned.line}.`);
    } else {
      const existing = lookup.audits.get(auditKey);
      if (existing && existing.channel !== line.canal) {
        errors.add(lineNumber, "canal", `${label} existe déjà, au canal ${channelLabels[existing.channel as ChannelCode] ?? existing.channel}.`);
      } else {
        plannedAudits.set(auditKey, {
          tenantId: tenant.id,
          enrolmentId: enrolment.id,
          number: line.numero_audit,
          channel: line.canal,
          date: line.date,
          line: lineNumber,
        });
      }
    }
    if (!item) return;
    const answerKey = `${auditKey}:${item.code}`;
    const previous = answerLines.get(answerKey);
    if (previous !== undefined) return void errors.add(lineNumber, "code_item", `${item.code} est déjà renseigné pour ${label} à la ligne ${previous}.`);
    answerLines.set(answerKey, lineNumber);
    if (!stored) return;
    usedTenants.add(tenant.id);
    answers.push({ auditKey, itemCode: item.code, ...stored, comment: line.commentaire });
  });

  for (const { entry, message, lines: count } of tenantErrors.values()) {
    if (count > 1) entry.text = entry.text.replace(`${message}.`, `${message} (${count} lignes concernées).`);
  }
  if (errors.count > 0) return errors.result();
  progress(rows.length);

  try {
    const summary = await db().transaction(async (tx) => {
      await lockImportedStructures(tx, [...usedTenants]);
      const auditIds = await upsertAudits(tx, edition.id, plannedAudits, lookup.audits);
      const counts = await upsertAnswers(tx, answers, auditIds, (done) => progress(rows.length + done));
      const summary: ImportSummary = { lines: rows.length, tenants: usedTenants.size, audits: auditIds.counts, answers: counts };
      await recordAudit(tx, {
        tenantId: null,
        actorUserId: input.actorUserId,
        action: "audits.imported",
        targetType: "edition",
        targetId: String(edition.year),
        details: { ...summary, encoding, delimiter, source: input.source ?? "back-office" },
      });
      if (input.dryRun) throw new DryRunRollback(summary);
      return summary;
    });
    progress(total);
    return { ok: true, dryRun: false, summary };
  } catch (error) {
    if (error instanceof StructuresDeletedDuringImport) {
      return fail(`Structure supprimée pendant l'import : ${error.names.join(", ")}. Rien n'a été importé ; retirez ses lignes du fichier puis importez-le à nouveau.`);
    }
    if (error instanceof DryRunRollback) {
      progress(total);
      return { ok: true, dryRun: true, summary: error.summary };
    }
    throw error;
  }
}

class StructuresDeletedDuringImport extends Error {
  constructor(readonly names: string[]) {
    super(`structures supprimées pendant l'import : ${names.join(", ")}`);
  }
}

/**
 * In the import's transaction: the file's structures are locked (a deletion in progress finishes
 * first) and must still exist. A structure deleted since the file was checked had its audits
 * still to do withdrawn: the import must not bring them back.
 */
export async function lockImportedStructures(tx: Executor, tenantIds: string[]) {
  if (tenantIds.length === 0) return;
  const rows = await tx.select({ name: tenants.name, deletedAt: tenants.deletedAt }).from(tenants).where(inArray(tenants.id, tenantIds)).orderBy(tenants.id).for("share");
  const deleted = rows.filter((row) => row.deletedAt !== null).map((row) => row.name);
  if (deleted.length > 0) throw new StructuresDeletedDuringImport(deleted);
}

type TenantLookup = Awaited<ReturnType<typeof loadTenants>>;

/** The structure of a line (by SIRET when given, else by its identifier) if it may receive audits. */
function resolveTenant(line: ImportLine, lookup: TenantLookup, year: number) {
  const column: ImportColumn = line.siret ? "siret" : "structure";
  const key = line.siret ? normaliseSiret(line.siret) : line.structure.toLowerCase();
  const refuse = (message: string) => ({ ok: false as const, key, column, message });
  const found = line.siret ? (lookup.bySiret.get(key) ?? []) : [lookup.bySlug.get(key)].filter((t): t is Tenant => Boolean(t));
  if (found.length === 0)
    return refuse(line.siret ? `aucune structure n'a le SIRET « ${line.siret} »` : `aucune structure n'a l'identifiant « ${line.structure} »`);
  if (found.length > 1) return refuse(`plusieurs structures ont le SIRET « ${line.siret} » : utilisez la colonne structure (identifiant) à la place`);
  const tenant = found[0]!;
  const enrolment = lookup.enrolments.get(tenant.id);
  if (!enrolment) return refuse(`« ${tenant.slug} » n'est pas inscrite à l'édition ${year}`);
  if (!importableStatuses.has(enrolment.status)) {
    const status = enrolmentStatusLabels[enrolment.status as EnrolmentStatus] ?? enrolment.status;
    return refuse(`l'inscription de « ${tenant.slug} » à l'édition ${year} est « ${status} » : pas d'audit possible`);
  }
  return { ok: true as const, tenant, enrolment };
}

async function loadTenants(sirets: string[], slugs: string[], editionId: string) {
  const bySiret = new Map<string, Tenant[]>();
  const bySlug = new Map<string, Tenant>();
  const found = new Map<string, Tenant>();
  for (const [column, values] of [
    [tenants.siret, sirets],
    [tenants.slug, slugs],
  ] as const) {
    if (values.length === 0) continue;
    const rows = await db().select({ id: tenants.id, slug: tenants.slug, siret: tenants.siret }).from(tenants).where(and(inArray(column, values), isNull(tenants.deletedAt)));
    for (const row of rows) found.set(row.id, row);
  }
  for (const tenant of found.values()) {
    bySlug.set(tenant.slug, tenant);
    bySiret.set(tenant.siret, [...(bySiret.get(tenant.siret) ?? []), tenant]);
  }
  const ids = [...found.keys()];
  const enrolmentRows = ids.length
    ? await db()
        .select({ tenantId: enrolments.tenantId, id: enrolments.id, status: enrolments.status, onsiteVisit: enrolments.onsiteVisit })
        .from(enrolments)
        .where(and(eq(enrolments.editionId, editionId), inArray(enrolments.tenantId, ids)))
    : [];
  const auditRows = ids.length
    ? await db()
        .select({
          tenantId: audits.tenantId,
          number: audits.number,
          id: audits.id,
          channel: audits.channel,
          auditedAt: audits.auditedAt,
          status: audits.status,
        })
        .from(audits)
        .where(and(eq(audits.editionId, editionId), inArray(audits.tenantId, ids)))
    : [];
  return {
    bySiret,
    bySlug,
    enrolments: new Map(enrolmentRows.map((e) => [e.tenantId, { id: e.id, status: e.status, onsiteVisit: e.onsiteVisit } satisfies Enrolment])),
    audits: new Map(auditRows.map((a) => [`${a.tenantId}:${a.number}`, a satisfies ExistingAudit])),
  };
}
