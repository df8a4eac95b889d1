import type { LoaderFunctionArgs } from "@remix-run/node";
import { addDays } from "date-fns";
import { renderQuotePdf } from "~/modules/billing/quote-pdf.server";
import { seller } from "~/modules/billing/seller";
import { enrolmentPage } from "~/modules/enrolment/funnel.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { attachmentResponse } from "~/utils/download";

/** The quote (devis) a public buyer needs before ordering, computed from the edition's grid. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "enrolment.manage");
  const page = await enrolmentPage(ctx);
  if (!page.edition || !page.quote) throw new Response("Aucune édition ouverte", { status: 404 });
  const withVisit = new URL(request.url).searchParams.get("visite") === "1" && page.quoteWithVisit ? page.quoteWithVisit : page.quote;
  const issuedAt = new Date();
  const pdf = await renderQuotePdf({
    kind: "devis",
    number: `DEV-${page.edition.year}-${page.tenant.siret.slice(0, 9)}`,
    issuedAt,
    validUntil: addDays(issuedAt, 60),
    seller,
    buyer: { name: page.tenant.name, siret: page.tenant.siret, address: [page.tenant.departementName ?? "", page.tenant.regionName ?? ""].filter(Boolean) },
    references: [{ label: "Catégorie", value: page.categoryLabel }],
    lines: withVisit.lines.map((line) => ({ description: line.label, quantity: 1, unitPriceCents: line.amountHtCents })),
    vatRate: 0.2,
    paymentTerms: "Paiement à réception de facture, sous 30 jours, par mandat administratif ou par carte bancaire. Facture déposable sur Chorus Pro.",
    notes: [`Inscription à l'édition ${page.edition.year} : ${page.edition.title}.`, "Devis valable 60 jours."],
  });
  return attachmentResponse(pdf, `devis-barometre-${page.edition.year}-${ctx.tenant.slug}.pdf`, "application/pdf");
}
