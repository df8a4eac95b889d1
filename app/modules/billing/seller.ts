import { z } from "~/utils/zod";
import { isValidSiret } from "../tenancy/siret";

/*
 * The seller printed on quotes and invoices and written into the Factur-X XML (BG-4): AFNOR by
 * default, every field overridable by a SELLER_* environment variable (README, "Environment").
 * Read once when the server starts; a wrong value stops it with a French message.
 */

const sellerEnvSchema = z.object({
  SELLER_NAME: z.string().trim().min(2).default("AFNOR — Association française de normalisation"),
  SELLER_ADDRESS: z.string().trim().min(2).default("11 rue Francis de Pressensé"),
  SELLER_POSTCODE: z
    .string()
    .trim()
    .regex(/^\d{5}$/, "SELLER_POSTCODE : un code postal à 5 chiffres.")
    .default("93571"),
  SELLER_CITY: z.string().trim().min(2).default("La Plaine Saint-Denis Cedex"),
  SELLER_SIRET: z
    .string()
    .trim()
    .refine(isValidSiret, "SELLER_SIRET : 14 chiffres avec une clé de contrôle valide.")
    .default("77572481800015"),
  SELLER_VAT_NUMBER: z
    .string()
    .transform((v) => v.replace(/\s/g, "").toUpperCase())
    .pipe(z.string().regex(/^FR[0-9A-Z]{2}\d{9}$/, "SELLER_VAT_NUMBER : un numéro de TVA intracommunautaire français (FR + 11 caractères)."))
    .default("FR62775724818"),
  SELLER_EMAIL: z.email({ error: "SELLER_EMAIL : une adresse e-mail." }).default("barometre@afnor.example"),
  SELLER_IBAN: z
    .string()
    .transform((v) => v.replace(/\s/g, "").toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[0-9A-Z]{11,30}$/, "SELLER_IBAN : un IBAN (FR76…)."))
    .default("FR7630006000011234567890189"),
});

export type Seller = {
  name: string;
  /** Printed lines: street, then "postcode city". */
  address: string[];
  street: string;
  postCode: string;
  city: string;
  siret: string;
  /** Without spaces, as the XML wants it ("FR62775724818"). */
  vatIdentifier: string;
  /** Printed form ("FR 62 775724818"). */
  vatNumber: string;
  email: string;
  /** Where public buyers pay by transfer (BT-84), printed on the invoice. */
  iban: string;
};

/** The seller from an environment (process.env by default); throws a French message on a wrong value. */
export function sellerFromEnv(source: Record<string, string | undefined>): Seller {
  const picked = Object.fromEntries(Object.entries(source).filter(([key, value]) => key.startsWith("SELLER_") && value !== undefined && value !== ""));
  const result = sellerEnvSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")} : ${issue.message}`);
    throw new Error(`Configuration du vendeur invalide :\n${lines.join("\n")}`);
  }
  const e = result.data;
  const vat = e.SELLER_VAT_NUMBER;
  return {
    name: e.SELLER_NAME,
    address: [e.SELLER_ADDRESS, `${e.SELLER_POSTCODE} ${e.SELLER_CITY}`],
    street: e.SELLER_ADDRESS,
    postCode: e.SELLER_POSTCODE,
    city: e.SELLER_CITY,
    siret: e.SELLER_SIRET,
    vatIdentifier: vat,
    vatNumber: `${vat.slice(0, 2)} ${vat.slice(2, 4)} ${vat.slice(4)}`,
    email: e.SELLER_EMAIL,
    iban: e.SELLER_IBAN,
  };
}

/** The seller printed on quotes and invoices (read once, when the server starts). */
export const seller: Seller = sellerFromEnv(typeof process === "undefined" ? {} : process.env);
