import { z } from "~/utils/zod";
import { emailField } from "../auth/schemas";
import { isValidSiret, normaliseSiret } from "../tenancy/siret";

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A public buyer's billing details: the same fields for an enrolment and for an order of an offer. */
export const billingFields = {
  billingContactName: z.string({ error: "Indiquez le nom du contact facturation." }).trim().min(2, "Indiquez le nom du contact facturation.").max(120),
  billingContactEmail: emailField,
  billingAddress: z
    .string({ error: "Indiquez l'adresse de facturation." })
    .trim()
    .min(10, "Indiquez l'adresse complète de facturation (voie, code postal, commune).")
    .max(400, "400 caractères au plus."),
  paymentPath: z.enum(["card", "invoice"], { error: "Choisissez un mode de paiement." }),
  purchaseOrderNumber: optionalText(50, "Le numéro de bon de commande ne dépasse pas 50 caractères."),
  engagementNumber: optionalText(50, "Le numéro d'engagement juridique ne dépasse pas 50 caractères."),
  chorusServiceCode: optionalText(100, "Le code service ne dépasse pas 100 caractères."),
  payerSiret: z
    .string()
    .optional()
    .transform((v) => (v ? normaliseSiret(v) : undefined))
    .refine((v) => v === undefined || isValidSiret(v), "Ce SIRET n'est pas valide (14 chiffres, clé de contrôle)."),
};

/** Paying on invoice needs the legal commitment number (numéro d'engagement juridique). */
export function requireEngagementForInvoice(value: { paymentPath?: string; engagementNumber?: string }, ctx: z.RefinementCtx) {
  if (value.paymentPath === "invoice" && !value.engagementNumber) {
    ctx.addIssue({
      code: "custom",
      path: ["engagementNumber"],
      message: "Le paiement sur facture demande le numéro d'engagement juridique fourni par votre service financier.",
    });
  }
}

/** The enrolment form, the same on both sides: browser (Conform) and server. */
export const enrolmentSchema = z
  .object({
    onsiteVisit: z
      .enum(["on"])
      .optional()
      .transform((v) => v === "on"),
    ...billingFields,
    acceptTerms: z.literal("on", { error: "Acceptez les conditions générales de vente pour vous inscrire." }),
    termsVersion: z
      .string({ error: "Les conditions générales ont changé : rechargez la page pour lire la version en vigueur." })
      .min(1, "Les conditions générales ont changé : rechargez la page pour lire la version en vigueur.")
      .max(40, "Les conditions générales ont changé : rechargez la page pour lire la version en vigueur."),
  })
  .superRefine(requireEngagementForInvoice);
