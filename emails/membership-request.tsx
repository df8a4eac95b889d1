import { Text } from "@react-email/components";
import { CallToAction, Layout, mutedStyle, paragraphStyle, singleLine } from "./components/layout";

/** To each owner of a structure: an agent whose ProConnect SIRET matches asks to join. */
export type MembershipRequestProps = {
  requesterName: string;
  requesterEmail: string;
  tenantName: string;
  siret: string;
  /** The structure's members page, where owners accept or refuse. */
  url: string;
};

export function subject(props: MembershipRequestProps): string {
  return `Demande d'accès à «\u00a0${singleLine(props.tenantName)}\u00a0» : ${singleLine(props.requesterName)}`;
}

export default function MembershipRequest(props: MembershipRequestProps) {
  const { requesterName, requesterEmail, tenantName, siret, url } = props;
  return (
    <Layout
      title={subject(props)}
      preview={`${requesterName} demande à rejoindre l’espace «\u00a0${tenantName}\u00a0».`}
      heading="Nouvelle demande d’accès à votre espace"
    >
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>
        {`${requesterName} (${requesterEmail}) demande à rejoindre l’espace «\u00a0`}
        <strong>{tenantName}</strong>
        {`\u00a0». Cette personne s’est identifiée avec ProConnect au titre de l’organisation de SIRET ${siret}, qui est celui de votre structure.`}
      </Text>
      <Text style={paragraphStyle}>
        Aucun accès n’est accordé sans votre décision&nbsp;: en tant que responsable, vous pouvez accepter la demande en
        choisissant le rôle de cette personne, ou la refuser.
      </Text>
      <CallToAction href={url} label="Voir la demande" />
      <Text style={mutedStyle}>Si vous ne connaissez pas cette personne, refusez la demande&nbsp;: elle en sera informée.</Text>
    </Layout>
  );
}

MembershipRequest.PreviewProps = {
  requesterName: "Camille Léger",
  requesterEmail: "camille.leger@mairie-villeurbanne.fr",
  tenantName: "Ville de Villeurbanne",
  siret: "21690266800013",
  url: "https://experience-citoyen.example.fr/t/villeurbanne/membres",
} satisfies MembershipRequestProps;
