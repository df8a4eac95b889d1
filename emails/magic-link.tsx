import { Text } from "@react-email/components";
import { CallToAction, Layout, formatMinutes, mutedStyle, paragraphStyle } from "./components/layout";

export type MagicLinkProps = {
  url: string;
  expiresInMinutes: number;
};

export function subject(_props: MagicLinkProps): string {
  return "Votre lien de connexion";
}

export default function MagicLink(props: MagicLinkProps) {
  const { url, expiresInMinutes } = props;
  const validity = formatMinutes(expiresInMinutes);
  return (
    <Layout
      title={subject(props)}
      preview={`Votre lien de connexion à usage unique, valable ${validity}.`}
      heading="Connectez-vous à votre compte"
    >
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        Vous avez demandé à vous connecter au portail du Baromètre Expérience Citoyen. Utilisez le bouton ci-dessous
        pour accéder à votre compte.
      </Text>
      <CallToAction href={url} label="Me connecter" />
      <Text style={paragraphStyle}>
        {`Ce lien est valable ${validity} et ne peut être utilisé qu’une seule fois. Ne le transmettez à personne.`}
      </Text>
      <Text style={mutedStyle}>
        Si vous n’avez pas demandé ce lien, ignorez simplement ce message&nbsp;: personne ne pourra se connecter sans
        y avoir accès.
      </Text>
    </Layout>
  );
}

MagicLink.PreviewProps = {
  url: "https://experience-citoyen.example.fr/connexion/lien?jeton=prev1ew-m4gic",
  expiresInMinutes: 15,
} satisfies MagicLinkProps;
