import { Text } from "@react-email/components";
import { CallToAction, Layout, paragraphStyle } from "./components/layout";

/** One e-mail for each step of an order of an AFNOR offer: quote requested, ordered, paid, cancelled. */
export type OrderUpdateProps = {
  step: "quote" | "ordered" | "paid" | "cancelled";
  tenantName: string;
  offerTitle: string;
  reference: string;
  /** "1 200,00 € HT", or "sur devis". */
  amount: string;
  /** Session and quantities in words, e.g. "session du 12 janvier 2027 à distance, 2 stagiaires". */
  details: string;
  method: string | null;
  url: string;
};

const headings: Record<OrderUpdateProps["step"], string> = {
  quote: "Demande de devis reçue",
  ordered: "Commande enregistrée",
  paid: "Paiement reçu, merci",
  cancelled: "Commande annulée",
};

export function subject(props: OrderUpdateProps): string {
  return `${headings[props.step]} : ${props.offerTitle} (${props.reference})`;
}

function body(props: OrderUpdateProps): string {
  switch (props.step) {
    case "quote":
      return `Nous avons bien reçu la demande de devis de ${props.tenantName} pour « ${props.offerTitle} » (${props.details}, ${props.amount}). Un conseiller AFNOR vous recontacte sous deux jours ouvrés.`;
    case "ordered":
      return `La commande de ${props.tenantName} pour « ${props.offerTitle} » (${props.details}) est enregistrée pour ${props.amount}${props.method ? `, réglée par ${props.method}` : ""}. Vous recevrez la facture et la convocation.`;
    case "paid":
      return `Nous avons bien reçu le paiement de ${props.amount}${props.method ? ` (${props.method})` : ""} pour « ${props.offerTitle} » (${props.details}). La commande est confirmée.`;
    case "cancelled":
      return `La commande de ${props.tenantName} pour « ${props.offerTitle} » est annulée : les places réservées sont libérées et aucune somme ne reste due.`;
  }
}

export default function OrderUpdate(props: OrderUpdateProps) {
  return (
    <Layout title={subject(props)} preview={`${headings[props.step]} — ${props.reference}`} heading={headings[props.step]}>
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>{body(props)}</Text>
      <Text style={paragraphStyle}>{`Référence : ${props.reference}.`}</Text>
      <CallToAction href={props.url} label="Voir vos commandes" />
    </Layout>
  );
}

OrderUpdate.PreviewProps = {
  step: "ordered",
  tenantName: "Ville de Lambersart",
  offerTitle: "Formation « Accueil multicanal des usagers »",
  reference: "CMD-2026-0001",
  amount: "1 140,00 € TTC",
  details: "session du 12 janvier 2027 à distance, 1 stagiaire",
  method: "mandat administratif",
  url: "https://barometre.example/t/lambersart/offres",
} satisfies OrderUpdateProps;
