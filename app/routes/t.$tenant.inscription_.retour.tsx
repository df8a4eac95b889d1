import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { Notice } from "~/components/ui/field";
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
  const revalidator = useRevalidator();
  useEffect(() => {
    if (paid) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [paid, revalidator]);
  return (
    <div className="stack">
      <h1>Paiement de l'inscription</h1>
      {paid ? (
        <Notice>Payé : nous avons bien reçu votre paiement de {amount}. Un reçu vous a été envoyé par e-mail.</Notice>
      ) : (
        <div role="status" className="alert alert-info">
          <p>Paiement en cours de confirmation par notre prestataire… Cette page se met à jour automatiquement.</p>
          <noscript>
            <p>
              <a href="">Actualiser la page</a>
            </p>
          </noscript>
        </div>
      )}
      <p>
        <Link to={`/t/${slug}`}>Retour au tableau de bord</Link> · <Link to={`/t/${slug}/facturation`}>Facturation</Link>
      </p>
    </div>
  );
}
