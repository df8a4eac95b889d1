import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Notice } from "~/components/ui/field";

export const meta: MetaFunction = () => [{ title: "Vérifiez votre boîte mail | Baromètre Expérience Citoyen" }];

/** After a first ProConnect login whose e-mail already has an account: the link is on its way. */
export default function ProConnectCheckMailbox() {
  return (
    <div className="container stack">
      <h1>Vérifiez votre boîte mail</h1>
      <Notice>
        Un compte existe déjà sur le portail avec l'adresse e-mail de votre identité ProConnect. Pour l'associer à ProConnect, cliquez sur le lien
        que nous venons d'envoyer à cette adresse (valable 15 minutes).
      </Notice>
      <p>Tant que le lien n'a pas été utilisé, rien n'est associé à votre compte. Rien reçu après quelques minutes ? Vérifiez les courriers indésirables.</p>
      <p>
        <Link to="/connexion">Revenir à la page de connexion</Link>
      </p>
    </div>
  );
}
