import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { Notice } from "~/components/ui/field";

/**
 * What a buyer reads back from the card checkout: "payé" once the payment provider's webhook has
 * said so (the only source of truth), else a status that re-reads the page every 2 seconds.
 */
export function PaymentStatus({ paid, amount }: { paid: boolean; amount: string }) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (paid) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [paid, revalidator]);
  return paid ? (
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
  );
}
