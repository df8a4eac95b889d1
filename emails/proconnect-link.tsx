import { Text } from "@react-email/components";
import { CallToAction, Layout, formatMinutes, greeting, mutedStyle, paragraphStyle, singleLine } from "./components/layout";

export type ProConnectLinkProps = {
  name: string | null;
  /** The organisation ProConnect named (organization_label), when it sent one. */
  organizationLabel: string | null;
  url: string;
  expiresInMinutes: number;
};

export function subject(_props: ProConnectLinkProps): string {
  return "Confirmez la connexion avec ProConnect";
}

export default function ProConnectLink(props: ProConnectLinkProps) {
  const { name, organizationLabel, url, expiresInMinutes } = props;
  const validity = formatMinutes(expiresInMinutes);
  const organization = organizationLabel ? ` (${singleLine(organizationLabel)})` : "";
  return (
    <Layout title={subject(props)} preview={`Associez votre identité ProConnect à votre compte, lien valable ${validity}.`} heading="Associer ProConnect à votre compte">
      <Text style={paragraphStyle}>{greeting(name)}</Text>
      <Text style={paragraphStyle}>
        {`Quelqu’un vient de se connecter avec ProConnect${organization} en utilisant cette adresse e-mail. Un compte existe déjà à cette adresse sur le portail du Baromètre Expérience Citoyen : confirmez que c’est bien vous pour associer cette identité ProConnect à votre compte.`}
      </Text>
      <CallToAction href={url} label="Associer ProConnect et me connecter" />
      <Text style={paragraphStyle}>
        {`Ce lien est valable ${validity} et ne peut être utilisé qu’une seule fois. Vous pourrez ensuite vous connecter avec ProConnect sans mot de passe.`}
      </Text>
      <Text style={mutedStyle}>
        Si vous n’êtes pas à l’origine de cette connexion, ignorez ce message&nbsp;: rien ne sera associé à votre compte.
      </Text>
    </Layout>
  );
}

ProConnectLink.PreviewProps = {
  name: "Nadia Responsable Qualité",
  organizationLabel: "Commune de Villeurbanne",
  url: "https://experience-citoyen.example.fr/connexion/proconnect/lier?token=prev1ew-pr0c0nnect",
  expiresInMinutes: 15,
} satisfies ProConnectLinkProps;
