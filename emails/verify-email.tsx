import { Text } from "@react-email/components";
import { CallToAction, Layout, greeting, mutedStyle, paragraphStyle } from "./components/layout";

export type VerifyEmailProps = {
  name: string | null;
  url: string;
};

export function subject(_props: VerifyEmailProps): string {
  return "Confirmez votre adresse électronique";
}

export default function VerifyEmail(props: VerifyEmailProps) {
  const { name, url } = props;
  return (
    <Layout
      title={subject(props)}
      preview="Confirmez votre adresse électronique pour activer votre compte. Le lien est valable 24 heures."
      heading="Confirmez votre adresse électronique"
    >
      <Text style={paragraphStyle}>{greeting(name)}</Text>
      <Text style={paragraphStyle}>
        Pour activer votre compte sur le portail du Baromètre Expérience Citoyen, merci de confirmer votre adresse
        électronique.
      </Text>
      <CallToAction href={url} label="Confirmer mon adresse" />
      <Text style={paragraphStyle}>Ce lien est valable 24&nbsp;heures.</Text>
      <Text style={mutedStyle}>
        Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message&nbsp;: aucun compte ne sera
        activé.
      </Text>
    </Layout>
  );
}

VerifyEmail.PreviewProps = {
  name: "Camille Lefèvre",
  url: "https://experience-citoyen.example.fr/verifier-adresse?jeton=prev1ew-v3rify",
} satisfies VerifyEmailProps;
