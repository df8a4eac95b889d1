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

const checkbox = z
  .enum(["on"], { error: "Cochez la case ou laissez-la vide." })
  .optional()
  .transform((v) => v === "on");

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
  /** The buyer's statements about its Chorus Pro structure: ticked, the matching reference becomes required. */
  serviceCodeRequired: checkbox,
  engagementRequired: checkbox,
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

/**
 * Chorus Pro refuses an invoice without the service code or the engagement number a buyer structure
 * declared as required: when the buyer ticks "Notre structure exige…", the reference is required here.
 */
export function requireDeclaredChorusReferences(
  value: { serviceCodeRequired?: boolean; chorusServiceCode?: string; engagementRequired?: boolean; engagementNumber?: string },
  ctx: z.RefinementCtx,
) {
  if (value.serviceCodeRequired && !value.chorusServiceCode) {
    ctx.addIssue({
      code: "custom",
      path: ["chorusServiceCode"],
      message: "Votre structure exige un code service sur Chorus Pro : indiquez-le, il figurera sur la facture.",
    });
  }
  if (value.engagementRequired && !value.engagementNumber) {
    ctx.addIssue({
      code: "custom",
      path: ["engagementNumber"],
      message: "Votre structure exige un numéro d'engagement sur Chorus Pro : indiquez-le, il figurera sur la facture.",
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
  .superRefine((value, ctx) => {
    requireDeclaredChorusReferences(value, ctx);
    if (!value.engagementRequired) requireEngagementForInvoice(value, ctx);
  });
