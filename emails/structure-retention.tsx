import { Text } from "@react-email/components";
import { CallToAction, Layout, greeting, mutedStyle, paragraphStyle } from "./components/layout";

/** Who reads it: an owner (who can enrol and export), another member, or the billing contact of a structure without members. */
export type RetentionAudience = "owner" | "member" | "contact";

export type StructureRetentionProps = {
  name: string | null;
  audience: RetentionAudience;
  structureName: string;
  /** No enrolment nor order since the space was created (then `lastParticipation` is its creation). */
  neverTookPart: boolean;
  /** Already formatted in French, e.g. "15 mars 2027". */
  lastParticipation: string;
  /** Already formatted in French. */
  deletionDate: string;
  enrolUrl: string;
  exportUrl: string;
  /** AFNOR's address for the barometer. */
  contactEmail: string;
};

export function subject(props: StructureRetentionProps): string {
  return `L’espace de ${props.structureName} sera supprimé le ${props.deletionDate}`;
}

export default function StructureRetention(props: StructureRetentionProps) {
  const { name, audience, structureName, neverTookPart, lastParticipation, deletionDate, enrolUrl, exportUrl, contactEmail } = props;
  const since = neverTookPart
    ? `${structureName} n’a pris part à aucune édition du Baromètre Expérience Citoyen depuis la création de son espace, le ${lastParticipation}.`
    : `${structureName} n’a pas participé au Baromètre Expérience Citoyen depuis le ${lastParticipation}.`;
  return (
    <Layout title={subject(props)} preview={`Sans nouvelle participation, l’espace de ${structureName} sera supprimé le ${deletionDate}.`} heading="L’espace de votre structure sera bientôt supprimé">
      <Text style={paragraphStyle}>{greeting(name)}</Text>
      <Text style={paragraphStyle}>
        {since} Comme l’annonce notre politique de protection des données, les données d’une structure sont conservées pendant
        sa participation, puis cinq ans pour suivre son évolution d’une édition à l’autre.
      </Text>
      <Text style={paragraphStyle}>
        {`Sans nouvelle participation, l’espace de ${structureName} sera supprimé le `}
        <strong>{deletionDate}</strong>&nbsp;: ses membres, ses commentaires et son plan d’action seront effacés, et les comptes
        qui n’appartiennent à aucune autre structure supprimés. Ses factures seront conservées dix ans, comme la loi l’impose.
      </Text>
      <Text style={paragraphStyle}>
        {`Pour garder l’espace, inscrivez la structure à une édition du baromètre ou commandez l’une de nos offres (diagnostic, formation, certification) avant cette date. Une question : ${contactEmail}.`}
      </Text>
      {audience === "owner" ? (
        <>
          <CallToAction href={enrolUrl} label="Inscrire la structure" />
          <Text style={mutedStyle}>
            {`Vous pouvez aussi télécharger toutes ses données avant leur suppression, depuis « Données de la structure » : ${exportUrl}`}
          </Text>
        </>
      ) : (
        <>
          <Text style={paragraphStyle}>
            {audience === "member"
              ? "Seul un responsable de la structure peut l’inscrire ou télécharger ses données : transmettez-lui ce message, ou écrivez-nous si la structure n’a plus de responsable."
              : `Vous recevez ce message comme contact de facturation de ${structureName}, dont l’espace n’a plus de membre : écrivez-nous pour le garder ou en reprendre la gestion.`}
          </Text>
          <CallToAction href={`mailto:${contactEmail}`} label="Écrire à AFNOR" />
        </>
      )}
    </Layout>
  );
}

StructureRetention.PreviewProps = {
  name: "Camille Lefèvre",
  audience: "owner",
  structureName: "Commune de Saint-Aubin",
  neverTookPart: false,
  lastParticipation: "12 mars 2022",
  deletionDate: "14 avril 2027",
  enrolUrl: "https://experience-citoyen.example.fr/t/saint-aubin/inscription",
  exportUrl: "https://experience-citoyen.example.fr/t/saint-aubin/donnees",
  contactEmail: "barometre@afnor.example",
} satisfies StructureRetentionProps;
