import { Text } from "@react-email/components";
import { CallToAction, Layout, mutedStyle, paragraphStyle, singleLine } from "./components/layout";

export type InvitationProps = {
  inviterName: string;
  tenantName: string;
  roleLabel: string;
  url: string;
  /** Already formatted in French, e.g. "lundi 15 septembre 2025 à 18 h 00". */
  expiresAt: string;
};

export function subject(props: InvitationProps): string {
  return `${singleLine(props.inviterName)} vous invite à rejoindre «\u00a0${singleLine(props.tenantName)}\u00a0»`;
}

export default function Invitation(props: InvitationProps) {
  const { inviterName, tenantName, roleLabel, url, expiresAt } = props;
  return (
    <Layout
      title={subject(props)}
      preview={`${inviterName} vous invite à rejoindre l’espace «\u00a0${tenantName}\u00a0», avec le rôle «\u00a0${roleLabel}\u00a0».`}
      heading="Invitation à rejoindre un espace"
    >
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        {`${inviterName} vous invite à rejoindre l’espace «\u00a0`}
        <strong>{tenantName}</strong>&nbsp;» sur le portail du
        Baromètre Expérience Citoyen, avec le rôle «&nbsp;<strong>{roleLabel}</strong>&nbsp;».
      </Text>
      <CallToAction href={url} label="Accepter l’invitation" />
      <Text style={paragraphStyle}>{`Cette invitation expire le ${expiresAt}.`}</Text>
      <Text style={mutedStyle}>
        Si vous ne vous attendiez pas à cette invitation, vous pouvez ignorer ce message&nbsp;: aucun accès ne sera
        créé sans votre accord.
      </Text>
    </Layout>
  );
}

Invitation.PreviewProps = {
  inviterName: "Hélène Dubois",
  tenantName: "Préfecture de la Gironde",
  roleLabel: "Contributeur",
  url: "https://experience-citoyen.example.fr/invitations/accepter?jeton=prev1ew-inv1te",
  expiresAt: "lundi 15 septembre 2025 à 18\u00a0h\u00a000",
} satisfies InvitationProps;
