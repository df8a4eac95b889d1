import { Text } from "@react-email/components";
import { CallToAction, Layout, formatMinutes, mutedStyle, paragraphStyle } from "./components/layout";

export type DigestConfirmProps = {
  url: string;
  expiresInMinutes: number;
};

export function subject(_props: DigestConfirmProps): string {
  return "Confirmez votre abonnement à la bonne pratique de la semaine";
}

export default function DigestConfirm(props: DigestConfirmProps) {
  return (
    <Layout
      title={subject(props)}
      preview="Un clic pour recevoir chaque lundi la bonne pratique de la semaine."
      heading="Confirmez votre abonnement"
    >
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        Vous avez demandé à recevoir chaque lundi, par e-mail, la bonne pratique de la semaine du Baromètre Expérience Citoyen. Pour
        confirmer votre abonnement, suivez ce lien&nbsp;:
      </Text>
      <CallToAction href={props.url} label="Confirmer mon abonnement" />
      <Text style={paragraphStyle}>{`Ce lien est valable ${formatMinutes(props.expiresInMinutes)}.`}</Text>
      <Text style={mutedStyle}>
        Si vous n’êtes pas à l’origine de cette demande, ignorez ce message&nbsp;: sans confirmation, vous ne recevrez rien.
      </Text>
    </Layout>
  );
}

DigestConfirm.PreviewProps = {
  url: "https://barometre.example/bonnes-pratiques/abonnement/confirmer?jeton=prev1ewc0nf1rm",
  expiresInMinutes: 48 * 60,
} satisfies DigestConfirmProps;
