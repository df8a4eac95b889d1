/**
 * The sales pipeline's vocabulary and rules, shared by the server and the back-office pages. Pure.
 *
 * Statuses: nouveau → contacté → devis envoyé → gagné | perdu.
 * Transitions (decided here, enforced by the server):
 * - from an open status (nouveau, contacté, devis envoyé) a lead may go to any other status,
 *   backwards included: a sales person corrects a slip or a prospect goes quiet again;
 * - a closed lead (gagné, perdu) is only reopened, to "contacté": the deal comes back to life
 *   after a new exchange with the structure. Moving it straight from gagné to perdu (or back to
 *   nouveau) would rewrite the history of the pipeline; reopen it first, then close it again.
 * - keeping the same status is no transition (the other fields may still change).
 * The order behind a lead never moves its status: winning or losing is a sales decision.
 */
import { z } from "~/utils/zod";
// Types only from the schema: this file is bundled for the browser too.
import type { LeadStatus } from "../../../db/schema/offers";
import { formatDate, formatEuros } from "~/utils/format";
import { parisDay } from "../action-plan/rules";
import { parseEuros } from "../editions/edition-schema";

export type { LeadStatus };

/** In pipeline order (the board's columns); the same codes as the schema's leadStatuses. */
export const leadStatuses = ["nouveau", "contacte", "devis_envoye", "gagne", "perdu"] as const satisfies readonly LeadStatus[];

/** Cards shown per board column; the table shows them all. */
export const BOARD_COLUMN_SIZE = 30;

export const leadStatusLabels: Record<LeadStatus, string> = {
  nouveau: "Nouveau",
  contacte: "Contacté",
  devis_envoye: "Devis envoyé",
  gagne: "Gagné",
  perdu: "Perdu",
};

export const leadStatusTones: Record<LeadStatus, "neutral" | "info" | "warning" | "success" | "error"> = {
  nouveau: "info",
  contacte: "neutral",
  devis_envoye: "warning",
  gagne: "success",
  perdu: "error",
};

/** The state of the order behind a lead: the offers module's labels. */
export { orderStatusLabels } from "../offers/order-rules";

export function isClosedLead(status: LeadStatus): boolean {
  return status === "gagne" || status === "perdu";
}

/** The statuses a lead may take next (its own status excluded). */
export function nextLeadStatuses(from: LeadStatus): LeadStatus[] {
  if (isClosedLead(from)) return ["contacte"];
  return leadStatuses.filter((status) => status !== from);
}

export function canMoveLead(from: LeadStatus, to: LeadStatus): boolean {
  return from === to || nextLeadStatuses(from).includes(to);
}

/** Why a move is refused, in French; null when it is allowed. */
export function leadMoveError(from: LeadStatus, to: LeadStatus): string | null {
  if (canMoveLead(from, to)) return null;
  return `Ce prospect est clos (« ${leadStatusLabels[from]} ») : rouvrez-le d'abord au statut « Contacté » avant de lui donner un autre statut.`;
}

/** Today's date in Paris, "AAAA-MM-JJ": next-contact dates are French calendar days. */
export function parisToday(now = new Date()): string {
  return parisDay(now);
}

/** A next contact in the past, on a lead still open: the sales person is late. */
export function isContactOverdue(lead: { status: LeadStatus; nextContactOn: string | null }, now = new Date()): boolean {
  return lead.nextContactOn !== null && !isClosedLead(lead.status) && lead.nextContactOn < parisToday(now);
}

/**
 * A date as <input type="date"> sends it (AAAA-MM-JJ) or as a person types it (JJ/MM/AAAA, day and
 * month may have one digit) → "AAAA-MM-JJ"; null when it is no real day between 2000 and 2100.
 */
export function parseContactDate(raw: string): string | null {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : null;
  if (!parts) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 2000 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// ---- Input schemas (one per form; the same schema parses the browser's and the server's side) ----

const statusField = z.enum(leadStatuses, { error: "Choisissez un statut dans la liste." });

const assigneeField = z
  .union([z.literal(""), z.uuid({ error: "Commercial inconnu." })], { error: "Commercial inconnu." })
  .optional()
  .transform((value) => (value ? value : null));

const nextContactField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === "") return null;
    const day = parseContactDate(value);
    if (day === null) {
      ctx.addIssue({ code: "custom", message: "Date de prochain contact invalide : choisissez une date ou écrivez-la au format JJ/MM/AAAA." });
      return z.NEVER;
    }
    return day;
  });

const valueHtField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === "") return null;
    const cents = parseEuros(value);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "Montant HT invalide : écrivez par exemple 1 250 ou 1 250,50 (en euros)." });
      return z.NEVER;
    }
    return cents;
  });

/** The lead's edit form: every field is sent; an empty field clears it. */
export const leadUpdateSchema = z.object({
  intent: z.literal("update", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  status: statusField,
  assigneeId: assigneeField,
  nextContactOn: nextContactField,
  valueHt: valueHtField,
});
export type LeadUpdateForm = z.output<typeof leadUpdateSchema>;

/** The quick status form of a board card or a table row. */
export const leadStatusChangeSchema = z.object({
  intent: z.literal("status", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  leadId: z.uuid({ error: "Prospect inconnu." }),
  status: statusField,
});

export const leadNoteSchema = z.object({
  intent: z.literal("note", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  body: z
    .string({ error: "Écrivez la note." })
    .trim()
    .min(1, "Écrivez la note.")
    .max(2000, "Note trop longue (2 000 caractères au plus)."),
});

/** What a change may touch; undefined = untouched. */
export type LeadChange = { status?: LeadStatus; assigneeId?: string | null; nextContactOn?: string | null; valueHtCents?: number | null };

export function changeOfForm(form: LeadUpdateForm): LeadChange {
  return { status: form.status, assigneeId: form.assigneeId, nextContactOn: form.nextContactOn, valueHtCents: form.valueHt };
}

// ---- List filters (GET): a wrong value is ignored, never an error ----

export const UNASSIGNED = "non-attribue";
export const LEADS_PAGE_SIZE = 50;

export const leadFiltersSchema = z.object({
  statut: z.enum(leadStatuses).optional().catch(undefined),
  commercial: z.union([z.literal(UNASSIGNED), z.uuid()]).optional().catch(undefined),
  structure: z.string().trim().max(100).optional().catch(undefined),
  relance: z.literal("en-retard").optional().catch(undefined),
  vue: z.enum(["colonnes", "tableau"]).catch("colonnes"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type LeadFilters = {
  status?: LeadStatus;
  /** A user id, or "none" for leads nobody follows. */
  assignee?: string | "none";
  /** Part of the structure's name or slug. */
  structure?: string;
  overdue?: boolean;
};

export function parseLeadFilters(searchParams: URLSearchParams) {
  const query = leadFiltersSchema.parse(Object.fromEntries(searchParams));
  const filters: LeadFilters = {
    status: query.statut,
    assignee: query.commercial === UNASSIGNED ? "none" : query.commercial,
    structure: query.structure || undefined,
    overdue: query.relance === "en-retard" || undefined,
  };
  return { query, filters, page: query.page, view: query.vue };
}

// ---- History: the lead's audit entries in plain French ----

const isStatus = (value: unknown): value is LeadStatus => typeof value === "string" && value in leadStatusLabels;

function describeValue(field: string, value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === "") return field === "assigneeId" ? "personne" : "—";
  if (field === "status" && isStatus(value)) return leadStatusLabels[value];
  if (field === "assigneeId" && typeof value === "string") return names.get(value) ?? "ancien membre de l’équipe";
  if (field === "nextContactOn" && typeof value === "string") return formatDate(value);
  if (field === "valueHtCents" && typeof value === "number") return formatEuros(value);
  return String(value);
}

const fieldLabels: Record<string, string> = { status: "Statut", assigneeId: "Commercial", nextContactOn: "Prochain contact", valueHtCents: "Valeur HT" };

/** One audit entry of a lead → the lines a person reads ("Statut : Nouveau → Contacté"). */
export function describeLeadAudit(entry: { action: string; details: string | null }, names: ReadonlyMap<string, string>): string[] {
  let details: Record<string, unknown> = {};
  try {
    details = entry.details ? (JSON.parse(entry.details) as Record<string, unknown>) : {};
  } catch {
    // An unreadable entry still shows its action.
  }
  if (entry.action === "lead.opened") return [typeof details.order === "string" ? `Prospect ouvert par la demande ${details.order}` : "Prospect ouvert"];
  if (entry.action === "lead.note_added") return ["Note ajoutée"];
  if (entry.action !== "lead.updated") return [entry.action];
  return Object.entries(details).map(([field, change]) => {
    const { avant, après } = (change ?? {}) as { avant?: unknown; après?: unknown };
    return `${fieldLabels[field] ?? field} : ${describeValue(field, avant, names)} → ${describeValue(field, après, names)}`;
  });
}
