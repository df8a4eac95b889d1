import { Text } from "@react-email/components";
import { CallToAction, Layout, greeting, mutedStyle, paragraphStyle } from "./components/layout";

export type StructureRetentionProps = {
  name: string | null;
  structureName: string;
  /** Already formatted in French, e.g. "15 mars 2027". */
  lastParticipation: string;
  /** Already formatted in French. */
  deletionDate: string;
  enrolUrl: string;
  exportUrl: string;
};

export function subject(props: StructureRetentionProps): string {
  return `L’espace de ${props.structureName} sera supprimé le ${props.deletionDate}`;
}

export default function StructureRetention(props: StructureRetentionProps) {
  const { name, structureName, lastParticipation, deletionDate, enrolUrl, exportUrl } = props;
  return (
    <Layout title={subject(props)} preview={`Sans nouvelle participation, l’espace de ${structureName} sera supprimé le ${deletionDate}.`} heading="L’espace de votre structure sera bientôt supprimé">
      <Text style={paragraphStyle}>{greeting(name)}</Text>
      <Text style={paragraphStyle}>
        {`${structureName} n’a pas participé au Baromètre Expérience Citoyen depuis le ${lastParticipation}.`} Comme l’annonce
        notre politique de protection des données, les données d’une structure sont conservées pendant sa participation, puis
        cinq ans pour suivre son évolution d’une édition à l’autre.
      </Text>
      <Text style={paragraphStyle}>
        Sans nouvelle participation, l’espace de {structureName} sera supprimé le <strong>{deletionDate}</strong>&nbsp;: ses
        membres, ses commentaires et son plan d’action seront effacés, et les comptes qui n’appartiennent à aucune autre
        structure supprimés. Ses factures restent conservées dix ans, comme la loi l’impose.
      </Text>
      <Text style={paragraphStyle}>Pour garder l’espace, inscrivez la structure à la prochaine édition avant cette date.</Text>
      <CallToAction href={enrolUrl} label="Inscrire la structure" />
      <Text style={mutedStyle}>
        {`Vous pouvez aussi télécharger toutes ses données avant leur suppression, depuis « Données de la structure » : ${exportUrl}`}
      </Text>
    </Layout>
  );
}

StructureRetention.PreviewProps = {
  name: "Camille Lefèvre",
  structureName: "Commune de Saint-Aubin",
  lastParticipation: "12 mars 2022",
  deletionDate: "14 avril 2027",
  enrolUrl: "https://experience-citoyen.example.fr/t/saint-aubin/inscription",
  exportUrl: "https://experience-citoyen.example.fr/t/saint-aubin/donnees",
} satisfies StructureRetentionProps;
