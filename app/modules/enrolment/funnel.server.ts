import { eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { tenants } from "../../../db/schema";
import { issueEnrolmentInvoice, startCardCheckout } from "../billing/billing.server";
import { notifyEnrolmentReceived } from "../billing/notifications.server";
import { getOpenEdition } from "../editions/editions.server";
import { barometerCategoryLabels, isBarometerCategory } from "../tenancy/categories";
import type { TenantContext } from "../tenancy/guard.server";
import { getTenantEnrolment, quoteEnrolment, submitEnrolment, type EnrolmentInput } from "./enrolment.server";

/** Everything the enrolment page shows: the open edition, the structure, its prices, its enrolment. */
export async function enrolmentPage(ctx: TenantContext) {
  const edition = await getOpenEdition();
  const [tenant] = await db().select().from(tenants).where(eq(tenants.id, ctx.tenant.id));
  if (!tenant) throw new Response("Page introuvable", { status: 404 });
  if (!edition) return { edition: null, tenant, enrolment: null, quote: null, quoteWithVisit: null, categoryLabel: categoryLabel(tenant.category) };
  const [enrolment, quote, quoteWithVisit] = await Promise.all([
    getTenantEnrolment(ctx, edition.id),
    quoteEnrolment(tenant.category, edition, false),
    quoteEnrolment(tenant.category, edition, true),
  ]);
  return { edition, tenant, enrolment, quote, quoteWithVisit, categoryLabel: categoryLabel(tenant.category) };
}

function categoryLabel(category: string) {
  return isBarometerCategory(category) ? barometerCategoryLabels[category] : category;
}

type Next = { kind: "redirect"; to: string } | { kind: "error"; message: string };

/** Submits the enrolment, then starts the chosen payment path. */
export async function enrolAndPay(ctx: TenantContext, input: EnrolmentInput): Promise<Next> {
  const submitted = await submitEnrolment(ctx, input);
  if (!submitted.ok) return { kind: "error", message: submitted.message };
  await notifyEnrolmentReceived(ctx.tenant.id, submitted.enrolment.id);
  return startPayment(ctx);
}

/** (Re)starts the payment of the tenant's awaiting enrolment: card checkout or invoice. */
export async function startPayment(ctx: TenantContext): Promise<Next> {
  const edition = await getOpenEdition();
  const enrolment = edition ? await getTenantEnrolment(ctx, edition.id) : null;
  if (!edition || !enrolment) return { kind: "error", message: "Aucune inscription en attente de paiement." };
  if (enrolment.status !== "awaiting_payment") return { kind: "redirect", to: `/t/${ctx.tenant.slug}/facturation` };
  try {
    if (enrolment.paymentPath === "card") {
      const checkout = await startCardCheckout(ctx, enrolment, edition.title);
      return checkout.ok ? { kind: "redirect", to: checkout.url } : { kind: "error", message: checkout.message };
    }
    await issueEnrolmentInvoice(ctx, enrolment, edition.title);
    return { kind: "redirect", to: `/t/${ctx.tenant.slug}/facturation?facture=emise` };
  } catch (error) {
    console.error(JSON.stringify({ level: "error", msg: "payment start failed", error: String(error) }));
    return {
      kind: "error",
      message: "Votre inscription est enregistrée, mais le paiement n'a pas pu être préparé. Réessayez dans quelques instants.",
    };
  }
}
