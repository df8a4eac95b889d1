import { Text } from "@react-email/components";
import { CallToAction, Layout, mutedStyle, paragraphStyle } from "./components/layout";

export type EnrolmentReceivedProps = {
  tenantName: string;
  editionTitle: string;
  totalHt: string;
  totalTtc: string;
  paymentPath: "card" | "invoice";
  quoteUrl: string;
  enrolmentUrl: string;
};

export function subject(props: EnrolmentReceivedProps): string {
  return `Inscription enregistrée : ${props.editionTitle}`;
}

export default function EnrolmentReceived(props: EnrolmentReceivedProps) {
  return (
    <Layout title={subject(props)} preview={`L'inscription de ${props.tenantName} est enregistrée.`} heading="Votre inscription est enregistrée">
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        {`L'inscription de ${props.tenantName} à l'édition « ${props.editionTitle} » est enregistrée pour ${props.totalHt} HT, soit ${props.totalTtc} TTC.`}
      </Text>
      <Text style={paragraphStyle}>
        {props.paymentPath === "invoice"
          ? "La facture, payable sous 30 jours par mandat administratif, vous parvient dans un message séparé."
          : "Le paiement par carte bancaire finalise l'inscription ; un reçu vous sera envoyé."}
      </Text>
      <CallToAction href={props.enrolmentUrl} label="Suivre mon inscription" />
      <Text style={mutedStyle}>{`Le devis reste téléchargeable à cette adresse : ${props.quoteUrl}`}</Text>
    </Layout>
  );
}

EnrolmentReceived.PreviewProps = {
  tenantName: "Ville de Lambersart",
  editionTitle: "Baromètre Expérience Citoyen 2027",
  totalHt: "2 490,00 €",
  totalTtc: "2 988,00 €",
  paymentPath: "invoice",
  quoteUrl: "https://barometre.example/t/lambersart/inscription/devis.pdf",
  enrolmentUrl: "https://barometre.example/t/lambersart/inscription",
} satisfies EnrolmentReceivedProps;
