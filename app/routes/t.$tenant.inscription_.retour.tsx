import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { PaymentStatus } from "~/components/payment-status";
import { findTenantPaymentBySession } from "~/modules/billing/billing.server";
import { isPaidOrLater, type EnrolmentStatus } from "~/modules/enrolment/state-machine";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Paiement | Baromètre Expérience Citoyen" }];

/** Return page after the card checkout: shows the real status, which only the webhook sets. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "billing.read");
  const sessionId = z.string().min(1).max(200).safeParse(new URL(request.url).searchParams.get("session_id"));
  const found = sessionId.success ? await findTenantPaymentBySession(ctx, sessionId.data) : null;
  if (!found) throw new Response("Paiement introuvable", { status: 404 });
  return { slug: ctx.tenant.slug, paid: isPaidOrLater(found.enrolmentStatus as EnrolmentStatus), amount: formatEuros(found.payment.amountCents) };
}

export default function PaymentReturn() {
  const { slug, paid, amount } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Paiement de l'inscription</h1>
      <PaymentStatus paid={paid} amount={amount} />
      <p>
        <Link to={`/t/${slug}`}>Retour au tableau de bord</Link> · <Link to={`/t/${slug}/facturation`}>Facturation</Link>
      </p>
    </div>
  );
}
