import { Text } from "@react-email/components";
import { CallToAction, Layout, formatMinutes, mutedStyle, paragraphStyle } from "./components/layout";

export type ResetPasswordProps = {
  url: string;
  expiresInMinutes: number;
};

export function subject(_props: ResetPasswordProps): string {
  return "Réinitialisation de votre mot de passe";
}

export default function ResetPassword(props: ResetPasswordProps) {
  const { url, expiresInMinutes } = props;
  const validity = formatMinutes(expiresInMinutes);
  return (
    <Layout
      title={subject(props)}
      preview={`Choisissez un nouveau mot de passe. Le lien est valable ${validity}.`}
      heading="Réinitialisez votre mot de passe"
    >
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        Une demande de réinitialisation du mot de passe de votre compte a été faite sur le portail du Baromètre
        Expérience Citoyen. Pour choisir un nouveau mot de passe, utilisez le bouton ci-dessous.
      </Text>
      <CallToAction href={url} label="Choisir un nouveau mot de passe" />
      <Text style={paragraphStyle}>
        {`Ce lien est valable ${validity} et ne peut être utilisé qu’une seule fois.`}
      </Text>
      <Text style={paragraphStyle}>
        Une fois votre mot de passe modifié, toutes vos sessions ouvertes seront fermées&nbsp;: vous devrez vous
        reconnecter sur chacun de vos appareils.
      </Text>
      <Text style={mutedStyle}>
        Si vous n’êtes pas à l’origine de cette demande, ignorez ce message&nbsp;: votre mot de passe actuel reste
        inchangé.
      </Text>
    </Layout>
  );
}

ResetPassword.PreviewProps = {
  url: "https://experience-citoyen.example.fr/mot-de-passe/reinitialiser?jeton=prev1ew-r3set",
  expiresInMinutes: 30,
} satisfies ResetPasswordProps;
