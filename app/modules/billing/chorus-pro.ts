/*
 * Chorus Pro, the State's invoicing portal where public buyers receive their invoices: the
 * boundary where an API deposit client would plug in. Not implemented: depositing through the API
 * needs an account on the qualification environment set up with a public buyer, and PISTE OAuth
 * credentials (client id/secret) plus a Chorus Pro technical account. Today sales download the
 * period's ZIP from /admin/factures and deposit the Factur-X files on the portal (docs/chorus-pro.md).
 */

/** One Factur-X ready to deposit, with what Chorus Pro routes and checks it by. */
export type ChorusProDeposit = {
  invoiceId: string;
  /** BT-1. */
  invoiceNumber: string;
  /** The buyer's SIRET (BT-47): the recipient structure on Chorus Pro. */
  buyerSiret: string;
  /** BT-10, when the buyer's structure requires a service code. */
  serviceCode: string | null;
  /** BT-13, when the buyer's structure requires an engagement number. */
  engagementNumber: string | null;
  fileName: string;
  /** The Factur-X PDF (PDF/A-3 with factur-x.xml, EN 16931 profile). */
  pdf: Uint8Array;
};

/** What Chorus Pro answers to a deposit: its flow number, then the invoice's processing status. */
export type ChorusProDepositReceipt = {
  /** "numeroFluxDepot" returned by the deposit. */
  flowNumber: string;
  depositedAt: Date;
};

export type ChorusProStatus = "deposited" | "made_available" | "rejected" | "suspended" | "paid" | "unknown";

/**
 * The client an implementation would provide (e.g. `chorus-pro-api.server.ts`), faked at its HTTP
 * boundary in tests like Stripe and Resend are. It would:
 * 1. get a PISTE OAuth2 token (client credentials) and send the `cpro-account` header (technical account);
 * 2. check the recipient before depositing (`/cpro/structures/v1/rechercher` by SIRET, then the
 *    structure's parameters: service code required? engagement number required?), refusing early
 *    what Chorus Pro would reject;
 * 3. deposit each Factur-X (`/cpro/factures/v1/deposer/flux`, syntax `IN_DP_E2_CII_FACTURX`, base64 file);
 * 4. store the flow number on the invoice, then poll (`/cpro/transverses/v1/consulter/compte/rendu/...`,
 *    `/cpro/factures/v1/consulter/historique`) to show "mise à disposition", "rejetée" or "mise en paiement".
 */
export interface ChorusProClient {
  deposit(invoice: ChorusProDeposit): Promise<ChorusProDepositReceipt>;
  status(flowNumber: string): Promise<ChorusProStatus>;
}

