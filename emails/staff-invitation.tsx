import { Text } from "@react-email/components";
import { CallToAction, Layout, formatMinutes, mutedStyle, paragraphStyle } from "./components/layout";

export type StaffInvitationProps = {
  inviterName: string;
  rolesLabel: string;
  url: string;
  expiresInMinutes: number;
};

export function subject(_props: StaffInvitationProps): string {
  return "Votre accès au back-office du Baromètre Expérience Citoyen";
}

/** An AFNOR staff member invited to the back-office chooses their password through this link. */
export default function StaffInvitation(props: StaffInvitationProps) {
  const { inviterName, rolesLabel, url, expiresInMinutes } = props;
  const validity = formatMinutes(expiresInMinutes);
  return (
    <Layout title={subject(props)} preview={`${inviterName} vous donne accès au back-office AFNOR.`} heading="Bienvenue dans le back-office AFNOR">
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        {`${inviterName} vous donne accès au back-office du Baromètre Expérience Citoyen (rôles : ${rolesLabel}). Pour activer votre compte, choisissez votre mot de passe à l’aide du bouton ci-dessous.`}
      </Text>
      <CallToAction href={url} label="Choisir mon mot de passe" />
      <Text style={paragraphStyle}>{`Ce lien est valable ${validity} et ne peut être utilisé qu’une seule fois.`}</Text>
      <Text style={mutedStyle}>Si vous ne vous attendiez pas à ce message, ignorez-le et prévenez l’équipe AFNOR.</Text>
    </Layout>
  );
}

StaffInvitation.PreviewProps = {
  inviterName: "Hélène Dubois",
  rolesLabel: "Ventes, Audit",
  url: "https://experience-citoyen.example.fr/mot-de-passe/nouveau?token=prev1ew-1nv1te",
  expiresInMinutes: 72 * 60,
} satisfies StaffInvitationProps;
