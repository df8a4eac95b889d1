import { Text } from "@react-email/components";
import { CallToAction, Layout, paragraphStyle } from "./components/layout";

export type PaymentReceivedProps = { tenantName: string; editionTitle: string; amount: string; method: string; billingUrl: string };

export function subject(props: PaymentReceivedProps): string {
  return `Paiement reçu : ${props.editionTitle}`;
}

export default function PaymentReceived(props: PaymentReceivedProps) {
  return (
    <Layout title={subject(props)} preview={`Paiement de ${props.amount} reçu.`} heading="Paiement reçu, merci">
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        {`Nous avons bien reçu le paiement de ${props.amount} (${props.method}) pour l'inscription de ${props.tenantName} à l'édition « ${props.editionTitle} ». L'inscription est confirmée : les audits mystères auront lieu pendant la période annoncée, sans prévenir vos équipes.`}
      </Text>
      <CallToAction href={props.billingUrl} label="Voir la facturation" />
    </Layout>
  );
}

PaymentReceived.PreviewProps = {
  tenantName: "Ville de Lambersart",
  editionTitle: "Baromètre Expérience Citoyen 2027",
  amount: "2 988,00 €",
  method: "carte bancaire",
  billingUrl: "https://barometre.example/t/lambersart/facturation",
} satisfies PaymentReceivedProps;
