import { Text } from "@react-email/components";
import { CallToAction, Layout, mutedStyle, paragraphStyle } from "./components/layout";

export type EnrolmentCancelledProps = { tenantName: string; editionTitle: string; reason: string; refunded: boolean; billingUrl: string };

export function subject(props: EnrolmentCancelledProps): string {
  return `Inscription annulée : ${props.editionTitle}`;
}

export default function EnrolmentCancelled(props: EnrolmentCancelledProps) {
  return (
    <Layout title={subject(props)} preview={`L'inscription de ${props.tenantName} est annulée.`} heading="Inscription annulée">
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>{`L'inscription de ${props.tenantName} à l'édition « ${props.editionTitle} » est annulée. Motif : ${props.reason}`}</Text>
      <Text style={paragraphStyle}>
        {props.refunded ? "Le paiement par carte est remboursé ; le crédit apparaît sous quelques jours." : "Aucune somme ne reste due au titre de cette inscription."}
      </Text>
      <CallToAction href={props.billingUrl} label="Voir la facturation" />
      <Text style={mutedStyle}>Pour toute question, répondez à l'équipe du baromètre à barometre@afnor.example.</Text>
    </Layout>
  );
}

EnrolmentCancelled.PreviewProps = {
  tenantName: "Ville de Lambersart",
  editionTitle: "Baromètre Expérience Citoyen 2027",
  reason: "demande de la collectivité",
  refunded: false,
  billingUrl: "https://barometre.example/t/lambersart/facturation",
} satisfies EnrolmentCancelledProps;
