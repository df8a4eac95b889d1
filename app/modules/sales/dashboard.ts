import { z } from "~/utils/zod";
import { leadStatuses, type LeadStatus } from "../../../db/schema/offers";
import { leadStatusLabels } from "../leads/lead-status";

// Pure rules of the sales dashboard: commercial periods, "same date last edition" cut-offs,
// variations, the funnel, and the labels of orders and leads. Safe on the client and the server.

/** An ISO calendar day, "2027-02-07". */
export type IsoDay = string;

const DAY_MS = 86_400_000;

function toUtc(day: IsoDay): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

function fromUtc(ms: number): IsoDay {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

const parisDay = new Intl.DateTimeFormat("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: "Europe/Paris",
});
/** Today's date in Paris, whatever the server's time zone. */
export function parisToday(now: Date = new Date()): IsoDay {
  return parisDay.format(now);
}

export type CommercialPeriod = {
  /** First day: the edition's enrolment opening. */
  from: IsoDay;
  /** Last day of the period: the eve of the next edition's opening, or null while no next edition exists. */
  to: IsoDay | null;
  /** The day the figures are read: today, held within the period. */
  asOf: IsoDay;
  /** Days from the opening to `asOf`: the offset applied to the previous edition. */
  dayOffset: number;
};

/**
 * An edition's commercial period runs from its enrolment opening to the eve of the next edition's
 * opening (or today for the newest edition). Figures are read today, or on the period's last day
 * once it is over, and never before the opening.
 */
export function commercialPeriod(opensOn: IsoDay, nextOpensOn: IsoDay | null, today: IsoDay): CommercialPeriod {
  const to = nextOpensOn ? addDays(nextOpensOn, -1) : null;
  let asOf = today;
  if (to && asOf > to) asOf = to;
  if (asOf < opensOn) asOf = opensOn;
  return { from: opensOn, to, asOf, dayOffset: daysBetween(opensOn, asOf) };
}

/** The same point of the previous edition's campaign: as many days after its own enrolment opening. */
export function sameDateCutoff(previousOpensOn: IsoDay, dayOffset: number): IsoDay {
  return addDays(previousOpensOn, Math.max(0, dayOffset));
}

export type Variation = { delta: number; percent: number | null };

/** Change from `previous` to `current`; the percentage is null when there is nothing to compare with. */
export function variation(current: number, previous: number): Variation {
  return {
    delta: current - previous,
    percent: previous === 0 ? null : ((current - previous) / previous) * 100,
  };
}

const percentFormat = new Intl.NumberFormat("fr-FR", {
  maximumFractionDigits: 1,
  minimumFractionDigits: 0,
});

/** "+12,5 %", "−3 %", "0 %", or "—" without a previous value to compare with (French typography: non-breaking space). */
export function formatVariation(value: Variation): string {
  if (value.percent === null) return "—";
  const rounded = Math.round(value.percent * 10) / 10;
  if (rounded === 0) return "0\u00a0%";
  const sign = rounded > 0 ? "+" : "\u2212";
  return `${sign}${percentFormat.format(Math.abs(rounded))}\u00a0%`;
}

/** A share as "42,5 %" (one decimal at most), or "—" when undefined. */
export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${percentFormat.format(Math.round(value * 10) / 10)}\u00a0%`;
}

/** A percentage for French Excel: "12,5", empty when undefined. */
export function csvPercent(value: number | null): string {
  return value === null
    ? ""
    : new Intl.NumberFormat("fr-FR", {
        maximumFractionDigits: 1,
        useGrouping: false,
      }).format(Math.round(value * 10) / 10);
}

export const funnelStepKeys = ["accounts", "structures", "enrolled", "paid", "published"] as const;
export type FunnelStepKey = (typeof funnelStepKeys)[number];

export const funnelStepLabels: Record<FunnelStepKey, string> = {
  accounts: "Comptes créés",
  structures: "Structures créées",
  enrolled: "Structures inscrites",
  paid: "Inscriptions payées",
  published: "Résultats publiés",
};

export type FunnelStep = {
  key: FunnelStepKey;
  label: string;
  count: number;
  /** Share of the previous step, in %; null for the first step or after an empty step. */
  fromPrevious: number | null;
  /** Share of the first step, in %; null when the first step is empty. */
  fromFirst: number | null;
};

/** The funnel's steps, in order, with each step's conversion from the previous one and from the first. */
export function funnelSteps(counts: Record<FunnelStepKey, number>): FunnelStep[] {
  const first = counts[funnelStepKeys[0]];
  return funnelStepKeys.map((key, index) => {
    const count = counts[key];
    const previous = index === 0 ? null : counts[funnelStepKeys[index - 1]!];
    return {
      key,
      label: funnelStepLabels[key],
      count,
      fromPrevious: previous === null || previous === 0 ? null : (count / previous) * 100,
      fromFirst: first === 0 ? null : (count / first) * 100,
    };
  });
}

/** Orders as sales read them: quote requests, orders placed (awaiting payment or confirmed), paid, cancelled. */
export const orderGroups = ["devis", "commandees", "payees", "annulees"] as const;
export type OrderGroup = (typeof orderGroups)[number];

export const orderGroupLabels: Record<OrderGroup, string> = {
  devis: "Devis demandés",
  commandees: "Commandées (en attente de paiement ou confirmées)",
  payees: "Payées",
  annulees: "Annulées",
};

export function orderGroupOf(status: string): OrderGroup | null {
  switch (status) {
    case "quote_requested":
      return "devis";
    case "awaiting_payment":
    case "confirmed":
      return "commandees";
    case "paid":
      return "payees";
    case "cancelled":
      return "annulees";
    default:
      return null;
  }
}

export type Tally = { count: number; htCents: number };

/** Sums per-status tallies of orders into the four groups sales follow (every group present, in order). */
export function groupOrders(rows: ({ status: string } & Tally)[]): ({ group: OrderGroup; label: string } & Tally)[] {
  const totals = new Map<OrderGroup, Tally>(orderGroups.map((g) => [g, { count: 0, htCents: 0 }]));
  for (const row of rows) {
    const group = orderGroupOf(row.status);
    if (!group) continue;
    const total = totals.get(group)!;
    total.count += row.count;
    total.htCents += row.htCents;
  }
  return orderGroups.map((group) => ({
    group,
    label: orderGroupLabels[group],
    ...totals.get(group)!,
  }));
}

export { leadStatusLabels };
type LeadStatusKey = LeadStatus;

export const openLeadStatuses: readonly LeadStatusKey[] = ["nouveau", "contacte", "devis_envoye"];

/** Every lead status in order (missing ones at zero), and the open pipeline's total. */
export function leadPipeline(rows: ({ status: string } & Tally)[]) {
  const byStatus = leadStatuses.map((status) => {
    const row = rows.find((r) => r.status === status);
    return {
      status,
      label: leadStatusLabels[status],
      count: row?.count ?? 0,
      htCents: row?.htCents ?? 0,
    };
  });
  const open = byStatus.filter((r) => openLeadStatuses.includes(r.status));
  return {
    byStatus,
    open: {
      count: open.reduce((s, r) => s + r.count, 0),
      htCents: open.reduce((s, r) => s + r.htCents, 0),
    },
  };
}

/**
 * The edition shown: the one asked for when it exists, else the newest open edition, else the
 * newest one. `unknown` tells the page to say that the requested year does not exist.
 */
export function pickEditionYear(editions: { year: number; status: string }[], requested: number | null): { year: number | null; unknown: boolean } {
  if (requested !== null && editions.some((e) => e.year === requested)) return { year: requested, unknown: false };
  const newestFirst = [...editions].sort((a, b) => b.year - a.year);
  const fallback = newestFirst.find((e) => e.status === "open") ?? newestFirst[0];
  return { year: fallback?.year ?? null, unknown: requested !== null };
}

const querySchema = z.object({
  annee: z
    .string()
    .trim()
    .regex(/^\d{4}$/, "L'année d'édition s'écrit avec quatre chiffres, par exemple 2027 : voici l'édition par défaut.")
    .transform(Number)
    .optional(),
});

/** The dashboard's query string (`?annee=2027`): the year asked for, or null and a French message when it is malformed. */
export function dashboardQuery(params: URLSearchParams): {
  year: number | null;
  error: string | null;
} {
  const raw = params.get("annee");
  const parsed = querySchema.safeParse({
    annee: raw === null || raw === "" ? undefined : raw,
  });
  if (!parsed.success)
    return {
      year: null,
      error: parsed.error.issues[0]?.message ?? "Année d'édition invalide.",
    };
  return { year: parsed.data.annee ?? null, error: null };
}
