import type { LoaderFunctionArgs } from "@remix-run/node";
import { addDays } from "date-fns";
import { renderQuotePdf } from "~/modules/billing/quote-pdf.server";
import { seller } from "~/modules/billing/seller";
import { orderOptionsSchema } from "~/modules/offers/order-schema";
import { orderPage, quoteOptions } from "~/modules/offers/orders.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { attachmentResponse } from "~/utils/download";

/** The quote (devis) of an offer for the options chosen on the order page, priced on the server. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "orders.manage");
  const page = await orderPage(ctx, params.code ?? "");
  if (!page) throw new Response("Offre introuvable", { status: 404 });
  const options = orderOptionsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!options.success) throw new Response(options.error.issues[0]?.message ?? "Options invalides.", { status: 400 });
  const quote = quoteOptions(page.offer, options.data);
  if (!quote.ok) throw new Response(quote.message, { status: 400 });
  if (!quote.price) throw new Response("Cette offre est proposée sur devis : demandez un devis depuis la page de l'offre.", { status: 400 });
  const issuedAt = new Date();
  const pdf = await renderQuotePdf({
    kind: "devis",
    number: `DEV-${page.offer.code.toUpperCase().slice(0, 12)}-${issuedAt.getFullYear()}-${ctx.tenant.slug.slice(0, 12).toUpperCase()}`,
    issuedAt,
    validUntil: addDays(issuedAt, 60),
    seller,
    buyer: { name: ctx.tenant.name, siret: page.defaults?.payerSiret ?? "", address: page.defaults ? page.defaults.billingAddress.split(/\r?\n/) : [], contactName: page.defaults?.billingContactName, contactEmail: page.defaults?.billingContactEmail },
    lines: quote.price.orderLines.map((line) => ({ description: line.label, quantity: line.quantity, unitPriceCents: line.unitPriceHtCents })),
    vatRate: 0.2,
    paymentTerms: "Paiement à réception de facture, sous 30 jours, par mandat administratif ou par carte bancaire. Facture déposable sur Chorus Pro.",
    notes: [`${page.offer.title} : ${page.offer.duration}.`, `Prérequis : ${page.offer.prerequisites}`, quote.session ? "Places réservées à la commande seulement, dans la limite des places restantes." : "", "Devis valable 60 jours."].filter(Boolean),
  });
  return attachmentResponse(pdf, `devis-${page.offer.code}-${ctx.tenant.slug}.pdf`, "application/pdf");
}
