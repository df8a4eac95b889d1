import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { auditAnswers, audits } from "../../../db/schema";
import type { ChannelCode } from "../scoring/scoring";

/*
 * The writing half of the audit import: batched upserts of audits then answers, inside the
 * caller's transaction. Each batch travels as one JSON parameter read by `json_to_recordset`:
 * drizzle's multi-row `values()` spends ~50 µs per row building the statement (40 s for 780k
 * answers), the JSON route a fraction of that.
 */

export type ExistingAudit = { id: string; channel: string; auditedAt: Date | null; status: string };
export type PlannedAudit = { tenantId: string; enrolmentId: string; number: number; channel: ChannelCode; date: string; line: number };
/** `auditKey` is "tenantId:number". */
export type PendingAnswer = { auditKey: string; itemCode: string; value: string; measuredValue: number | null; comment: string | null };

/** Answers per statement (one JSON parameter of ~1 MB). */
const ANSWER_BATCH = 10_000;
const AUDIT_BATCH = 5000;

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** Creates the file's new audits and updates those whose date or status changes; returns every audit's id. */
export async function upsertAudits(tx: Executor, editionId: string, planned: Map<string, PlannedAudit>, existing: Map<string, ExistingAudit>) {
  const ids = new Map<string, string>();
  const created = new Set<string>();
  const toWrite: { t: string; id: string; e: string; n: number; c: string; d: string }[] = [];
  let updated = 0;
  for (const [key, audit] of planned) {
    const current = existing.get(key);
    if (current && current.status === "submitted" && current.auditedAt && parisDay.format(current.auditedAt) === audit.date) {
      ids.set(key, current.id);
      continue;
    }
    if (current) updated += 1;
    else created.add(key);
    // Noon UTC is the same calendar day in Paris all year round (13 h or 14 h).
    toWrite.push({ t: audit.tenantId, id: current?.id ?? randomUUID(), e: audit.enrolmentId, n: audit.number, c: audit.channel, d: `${audit.date}T12:00:00Z` });
  }
  for (let start = 0; start < toWrite.length; start += AUDIT_BATCH) {
    const batch = JSON.stringify(toWrite.slice(start, start + AUDIT_BATCH));
    // Columns in the table's order: tenant, id, edition, enrolment, number, channel, scenario,
    // planned_on, audited_at, auditor, status, submitted_at, created_at.
    const rows = sql`select t, id, ${editionId}::uuid, e, n, c, 'Import', null::text, d, null::uuid, 'submitted', now(), now()
      from json_to_recordset(${batch}::json) as r(t uuid, id uuid, e uuid, n integer, c text, d timestamptz)`;
    const written = await tx
      .insert(audits)
      .select(rows)
      .onConflictDoUpdate({
        target: [audits.tenantId, audits.editionId, audits.number],
        set: { auditedAt: sql`excluded.audited_at`, status: "submitted", submittedAt: sql`coalesce(${audits.submittedAt}, excluded.submitted_at)` },
      })
      .returning({ tenantId: audits.tenantId, number: audits.number, id: audits.id });
    for (const row of written) ids.set(`${row.tenantId}:${row.number}`, row.id);
  }
  return { ids, created, counts: { created: created.size, updated } };
}

/**
 * Inserts the answers, rewriting only those whose value or comment changed (`xmax = 0` marks an
 * insert); answers of audits created by this import are plainly inserted.
 */
export async function upsertAnswers(
  tx: Executor,
  answers: PendingAnswer[],
  audits: { ids: Map<string, string>; created: Set<string> },
  onProgress: (done: number) => void,
) {
  let created = 0;
  let updated = 0;
  for (let start = 0; start < answers.length; start += ANSWER_BATCH) {
    const slice = answers.slice(start, start + ANSWER_BATCH);
    const fresh: object[] = [];
    const known: object[] = [];
    for (const answer of slice) {
      const row = {
        t: answer.auditKey.slice(0, answer.auditKey.indexOf(":")),
        a: audits.ids.get(answer.auditKey)!,
        i: answer.itemCode,
        v: answer.value,
        m: answer.measuredValue,
        c: answer.comment,
      };
      (audits.created.has(answer.auditKey) ? fresh : known).push(row);
    }
    // Columns in the table's order: tenant, audit, item, value, measure, comment, updated_at.
    const rows = (batch: object[]) =>
      sql`select t, a, i, v, m, c, now() from json_to_recordset(${JSON.stringify(batch)}::json) as r(t uuid, a uuid, i text, v text, m numeric, c text)`;
    if (fresh.length > 0) {
      await tx.insert(auditAnswers).select(rows(fresh));
      created += fresh.length;
    }
    if (known.length > 0) {
      const changed = await tx
        .insert(auditAnswers)
        .select(rows(known))
        .onConflictDoUpdate({
          target: [auditAnswers.tenantId, auditAnswers.auditId, auditAnswers.itemCode],
          set: { value: sql`excluded.value`, measuredValue: sql`excluded.measured_value`, comment: sql`excluded.comment`, updatedAt: sql`now()` },
          setWhere: sql`(${auditAnswers.value}, ${auditAnswers.measuredValue}, ${auditAnswers.comment}) is distinct from (excluded.value, excluded.measured_value, excluded.comment)`,
        })
        .returning({ inserted: sql<boolean>`xmax = 0` });
      for (const row of changed) {
        if (row.inserted) created += 1;
        else updated += 1;
      }
    }
    onProgress(start + slice.length);
  }
  return { created, updated, unchanged: answers.length - created - updated };
}
