import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { PaymentStatus } from "~/components/payment-status";
import { findOrderByCheckoutSession } from "~/modules/offers/orders.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Paiement de la commande | Baromètre Expérience Citoyen" }];

/** Return page after an order's card checkout: shows the real status, which only the webhook sets. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "billing.read");
  const sessionId = z.string().min(1).max(200).safeParse(new URL(request.url).searchParams.get("session_id"));
  const found = sessionId.success ? await findOrderByCheckoutSession(ctx, sessionId.data) : null;
  if (!found) throw new Response("Paiement introuvable", { status: 404 });
  return { slug: ctx.tenant.slug, reference: found.order.reference, paid: found.order.status === "paid", amount: formatEuros(found.payment.amountCents) };
}

export default function OrderPaymentReturn() {
  const { slug, reference, paid, amount } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Paiement de la commande {reference}</h1>
      <PaymentStatus paid={paid} amount={amount} />
      <p>
        <Link to={`/t/${slug}/offres#commandes`}>Vos demandes et commandes</Link> · <Link to={`/t/${slug}/facturation`}>Facturation</Link>
      </p>
    </div>
  );
}
