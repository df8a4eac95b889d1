import { Link } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { ProConnectButton } from "./proconnect-button";

/** A refused ProConnect sign-in: what happened, and the ways back. */
export function ProConnectFailure({ message, mfaRetry = false, title = "Connexion avec ProConnect impossible" }: { message: string; mfaRetry?: boolean; title?: string }) {
  return (
    <div className="container stack">
      <h1>{title}</h1>
      <Notice tone="error">{message}</Notice>
      {mfaRetry ? (
        <section className="card stack" aria-labelledby="titre-double-facteur">
          <h2 id="titre-double-facteur">Se reconnecter avec une double authentification</h2>
          <p>ProConnect vous demandera un second facteur (application d'authentification, clé de sécurité…) auprès de votre fournisseur d'identité.</p>
          <ProConnectButton mfa />
        </section>
      ) : null}
      <p>
        <Link to="/connexion">Revenir à la page de connexion</Link> (mot de passe, lien reçu par e-mail ou ProConnect)
      </p>
    </div>
  );
}
