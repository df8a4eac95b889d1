import { z } from "~/utils/zod";
import { billingFields, requireDeclaredChorusReferences, requireEngagementForInvoice } from "../enrolment/schemas";
import { MAX_SITES, MAX_TRAINEES } from "./order-rules";

const count = (max: number, what: string) =>
  z.coerce
    .number({ error: `Indiquez le nombre de ${what}.` })
    .int(`Le nombre de ${what} est un nombre entier.`)
    .min(1, `Indiquez au moins 1 ${what.replace(/s$/, "")}.`)
    .max(max, `${max} ${what} au plus par commande : au-delà, demandez un devis.`);

/** The options of a quote or an order, also read from the quote PDF's query string. */
export const orderOptionsSchema = z.object({
  sessionId: z
    .union([z.literal(""), z.uuid({ error: "Choisissez une session dans la liste." })])
    .optional()
    .transform((v) => v || undefined),
  trainees: count(MAX_TRAINEES, "stagiaires").default(1),
  sites: count(MAX_SITES, "sites").default(1),
});

/**
 * The order form: "Demander un devis" commits nothing (no payment, no terms); "Commander" needs a
 * payment path and the terms of sale, and on invoice the legal commitment number.
 */
export const orderSchema = z
  .object({
    intent: z.enum(["quote", "order"], { error: "Choisissez « Demander un devis » ou « Commander »." }),
    ...orderOptionsSchema.shape,
    message: z
      .string()
      .trim()
      .max(2000, "Le message ne dépasse pas 2 000 caractères.")
      .optional()
      .transform((v) => v || undefined),
    ...billingFields,
    paymentPath: billingFields.paymentPath.optional(),
    acceptTerms: z.literal("on").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.intent !== "order") return;
    if (!value.paymentPath) ctx.addIssue({ code: "custom", path: ["paymentPath"], message: "Choisissez un mode de paiement." });
    if (!value.acceptTerms) ctx.addIssue({ code: "custom", path: ["acceptTerms"], message: "Acceptez les conditions générales de vente pour commander." });
    requireDeclaredChorusReferences(value, ctx);
    if (!value.engagementRequired) requireEngagementForInvoice(value, ctx);
  });

export type OrderInput = z.output<typeof orderSchema>;
