/**
 * The action plan as people read it outside the portal: the CSV export, the printable page and
 * the plan section of the PDF report all show the same French rows and the same progress line.
 */
import { asc, eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { determinants, editions, referentials } from "../../../db/schema";
import type { TenantContext } from "../tenancy/guard.server";
import { channelLabels } from "../editions/audit-plan";
import { toCsv } from "~/utils/csv";
import { formatNumber, formatScore, formatShortDate } from "~/utils/format";
import { listPlan } from "./action-plan.server";
import { actionStatusLabels, priorityLabels } from "./rules";

type PlanAction = Awaited<ReturnType<typeof listPlan>>["actions"][number];
type PlanProgress = Awaited<ReturnType<typeof listPlan>>["progress"];

export type PlanRow = {
  id: string;
  title: string;
  description: string;
  status: string;
  priority: string;
  channel: string;
  determinant: string;
  owner: string;
  /** "JJ/MM/AAAA", or "" without a due date. */
  dueOn: string;
  overdue: boolean;
  /** Scores with a decimal comma ("62,5"), "" when unknown. */
  before: string;
  after: string;
  /** The edition whose results proposed the action, "" when the structure wrote it. */
  edition: string;
};

export type PrintablePlan = { rows: PlanRow[]; progress: string };

/** The French names of determinants by code; a later edition's name wins. */
async function determinantLabels(ctx: TenantContext): Promise<Record<string, string>> {
  const rows = await inTenant(db(), ctx.tenant.id, (tx) =>
    tx
      .select({ code: determinants.code, label: determinants.label })
      .from(determinants)
      .innerJoin(referentials, eq(referentials.id, determinants.referentialId))
      .innerJoin(editions, eq(editions.id, referentials.editionId))
      .orderBy(asc(editions.year)),
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.label]));
}

const score = (value: number | null) => (value === null ? "" : formatScore(value));

export function planRow(action: PlanAction, labels: Record<string, string>): PlanRow {
  return {
    id: action.id,
    title: action.title,
    description: action.description,
    status: actionStatusLabels[action.status],
    priority: priorityLabels[action.priority],
    channel: action.channel ? (channelLabels[action.channel as keyof typeof channelLabels] ?? action.channel) : "",
    determinant: action.determinant ? (labels[action.determinant] ?? action.determinant) : "",
    owner: action.ownerName ?? "",
    dueOn: action.dueOn ? formatShortDate(action.dueOn) : "",
    overdue: action.overdue,
    before: score(action.before),
    after: score(action.after),
    edition: action.editionYear === null ? "" : String(action.editionYear),
  };
}

/** "40 % des actions faites (2 sur 5, hors 1 action abandonnée) ; 1 action en retard." */
export function progressSentence(progress: PlanProgress, abandoned: number): string {
  if (progress.total === 0) return "Aucune action n'est encore inscrite au plan.";
  const actions = (n: number) => `${formatNumber(n)} action${n > 1 ? "s" : ""}`;
  const left = abandoned > 0 ? `, hors ${actions(abandoned)} abandonnée${abandoned > 1 ? "s" : ""}` : "";
  const late = progress.overdue === 0 ? "aucune action en retard" : `${actions(progress.overdue)} en retard`;
  return `${formatNumber(Math.round(progress.doneShare * 100))} % des actions faites (${formatNumber(progress.done)} sur ${formatNumber(progress.total - abandoned)}${left}) ; ${late}.`;
}

/** The whole plan (no filter), by priority, in French. */
export async function printablePlan(ctx: TenantContext, today = new Date()): Promise<PrintablePlan> {
  const [plan, labels] = await Promise.all([listPlan(ctx, {}, "priorite", today), determinantLabels(ctx)]);
  const abandoned = plan.actions.filter((a) => a.status === "abandonne").length;
  return { rows: plan.actions.map((a) => planRow(a, labels)), progress: progressSentence(plan.progress, abandoned) };
}

export function planCsv(rows: PlanRow[]): string {
  return toCsv(
    ["Titre", "Statut", "Priorité", "Canal", "Déterminant", "Responsable", "Échéance", "En retard", "Score avant", "Score après", "Édition", "Description"],
    rows.map((r) => [r.title, r.status, r.priority, r.channel, r.determinant, r.owner, r.dueOn, r.overdue ? "Oui" : "Non", r.before, r.after, r.edition, r.description]),
  );
}
