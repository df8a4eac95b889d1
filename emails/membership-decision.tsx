import { Text } from "@react-email/components";
import { CallToAction, Layout, mutedStyle, paragraphStyle, singleLine } from "./components/layout";

/** To the agent who asked to join a structure: the owner's answer. */
export type MembershipDecisionProps = {
  name: string | null;
  tenantName: string;
  decision: "approved" | "refused";
  /** The role granted, already in words (e.g. "Lecteur"); null when refused. */
  roleLabel: string | null;
  /** The structure's space when approved, the account's requests page when refused. */
  url: string;
};

export function subject(props: MembershipDecisionProps): string {
  const tenant = singleLine(props.tenantName);
  return props.decision === "approved" ? `Votre accès à «\u00a0${tenant}\u00a0» est accordé` : `Votre demande d'accès à «\u00a0${tenant}\u00a0» est refusée`;
}

export default function MembershipDecision(props: MembershipDecisionProps) {
  const { name, tenantName, decision, roleLabel, url } = props;
  const approved = decision === "approved";
  return (
    <Layout
      title={subject(props)}
      preview={approved ? `Vous avez rejoint l’espace «\u00a0${tenantName}\u00a0».` : `Un responsable de «\u00a0${tenantName}\u00a0» a refusé votre demande.`}
      heading={approved ? "Demande d’accès acceptée" : "Demande d’accès refusée"}
    >
      <Text style={paragraphStyle}>{name ? `Bonjour ${name},` : "Bonjour,"}</Text>
      {approved ? (
        <Text style={paragraphStyle}>
          {"Un responsable de «\u00a0"}
          <strong>{tenantName}</strong>&nbsp;» a accepté votre demande&nbsp;: vous avez désormais accès à l’espace de la
          structure, avec le rôle «&nbsp;<strong>{roleLabel ?? ""}</strong>&nbsp;».
        </Text>
      ) : (
        <Text style={paragraphStyle}>
          {"Un responsable de «\u00a0"}
          <strong>{tenantName}</strong>&nbsp;» a refusé votre demande d’accès à l’espace de la structure. Si vous pensez
          qu’il s’agit d’une erreur, rapprochez-vous de ses responsables.
        </Text>
      )}
      <CallToAction href={url} label={approved ? "Ouvrir l’espace" : "Voir mes demandes"} />
      <Text style={mutedStyle}>Vous recevez ce message parce que vous avez demandé à rejoindre cette structure.</Text>
    </Layout>
  );
}

MembershipDecision.PreviewProps = {
  name: "Camille Léger",
  tenantName: "Ville de Villeurbanne",
  decision: "approved",
  roleLabel: "Lecteur",
  url: "https://experience-citoyen.example.fr/t/villeurbanne",
} satisfies MembershipDecisionProps;
