/**
 * The action plan's vocabulary and rules, shared by the server and the pages. Pure.
 */
import { z } from "~/utils/zod";

export const actionStatusLabels = {
  a_faire: "À faire",
  en_cours: "En cours",
  fait: "Fait",
  abandonne: "Abandonné",
} as const;
export type ActionStatusCode = keyof typeof actionStatusLabels;
export const actionStatusCodes = Object.keys(actionStatusLabels) as ActionStatusCode[];

export const priorityLabels = { haute: "Haute", moyenne: "Moyenne", basse: "Basse" } as const;
export type PriorityCode = keyof typeof priorityLabels;

/** Today's date in Paris, "AAAA-MM-JJ": due dates are calendar days in France. */
const parisDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

export function parisDay(now: Date): string {
  return parisDate.format(now);
}

/** Late: a due date already past, on an action neither done nor abandoned. */
export function isOverdue(action: { dueOn: string | null; status: string }, now: Date): boolean {
  return action.dueOn !== null && action.status !== "fait" && action.status !== "abandonne" && action.dueOn < parisDay(now);
}

/**
 * The last due date "within the next `days` days" of `now`, as "AAAA-MM-JJ": Paris calendar days
 * (added on the date itself, so a change to or from summer time never moves the limit).
 */
export function dueSoonLimit(now: Date, days = 7): string {
  return new Date(Date.parse(`${parisDay(now)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Due within the next `days` days (today included) or late: what the weekly reminder lists. */
export function isDueSoon(action: { dueOn: string | null; status: string }, now: Date, days = 7): boolean {
  if (action.dueOn === null || action.status === "fait" || action.status === "abandonne") return false;
  return action.dueOn <= dueSoonLimit(now, days);
}

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => value ?? "");

/** The fields of an action a member writes (create and edit). */
export const actionSchema = z.object({
  title: z.string({ error: "Donnez un titre à l'action." }).trim().min(3, "Donnez un titre à l'action (3 caractères au moins).").max(200, "Titre trop long (200 caractères au plus)."),
  description: optionalText(4000, "Description trop longue (4 000 caractères au plus)."),
  status: z.enum(actionStatusCodes, { error: "Choisissez un statut." }).default("a_faire"),
  priority: z.enum(["haute", "moyenne", "basse"], { error: "Choisissez une priorité." }).default("moyenne"),
  ownerUserId: z
    .union([z.literal(""), z.uuid("Responsable inconnu.")], { error: "Responsable inconnu." })
    .optional()
    .transform((value) => (value ? value : null)),
  dueOn: z
    .union([z.literal(""), z.iso.date("Date d'échéance invalide (JJ/MM/AAAA).")], { error: "Date d'échéance invalide (JJ/MM/AAAA)." })
    .optional()
    .transform((value) => (value ? value : null)),
  channel: z
    .union([z.literal(""), z.enum(["telephone", "courriel", "courrier", "site", "reseaux_sociaux", "accueil_physique"])], { error: "Canal inconnu." })
    .optional()
    .transform((value) => (value ? value : null)),
});

export type ActionInput = z.output<typeof actionSchema>;

export const commentSchema = z.object({
  body: z.string({ error: "Écrivez un commentaire." }).trim().min(1, "Écrivez un commentaire.").max(2000, "Commentaire trop long (2 000 caractères au plus)."),
});

/** A quick status change from the table or the board. */
export const statusSchema = z.object({ status: z.enum(actionStatusCodes, { error: "Statut inconnu." }) });
