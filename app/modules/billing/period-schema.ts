import { z } from "~/utils/zod";

/*
 * The period of the back-office invoice list and its ZIP export: "du" and "au" are Paris calendar
 * days (YYYY-MM-DD, what <input type="date"> sends), both included; empty means the current month.
 */

const day = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), {
      message: `La date « ${label} » n'est pas valide : choisissez un jour du calendrier (JJ/MM/AAAA).`,
    });

/** At most a year and a day in one export (one Factur-X per invoice is rendered). */
export const MAX_PERIOD_DAYS = 366;

export const invoicePeriodSchema = z
  .object({ du: day("du"), au: day("au") })
  .superRefine((value, ctx) => {
    if (!value.du || !value.au) return;
    const span = (Date.parse(`${value.au}T00:00:00Z`) - Date.parse(`${value.du}T00:00:00Z`)) / 86_400_000;
    if (span < 0) ctx.addIssue({ code: "custom", path: ["au"], message: "La date de fin précède la date de début : choisissez un « au » postérieur au « du »." });
    else if (span > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["au"], message: `La période ne dépasse pas ${MAX_PERIOD_DAYS} jours : choisissez une période plus courte.` });
  });

export type InvoicePeriodInput = z.output<typeof invoicePeriodSchema>;

/** A period of Paris calendar days, both included ("2027-01-01" … "2027-01-31"). */
export type Period = { from: string; to: string };

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** The current month in Paris: its first and last days. */
export function currentMonth(now = new Date()): Period {
  const [year, month] = parisDay.format(now).split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
}
