import { Text } from "@react-email/components";
import { CallToAction, Layout, greeting, mutedStyle, paragraphStyle } from "./components/layout";

export type AccountInactiveProps = {
  name: string | null;
  /** Already formatted in French, e.g. "15 mars 2027". */
  deletionDate: string;
  signInUrl: string;
};

export function subject(_props: AccountInactiveProps): string {
  return "Votre compte sera supprimé faute de connexion";
}

export default function AccountInactive(props: AccountInactiveProps) {
  const { name, deletionDate, signInUrl } = props;
  return (
    <Layout
      title={subject(props)}
      preview={`Sans connexion d’ici au ${deletionDate}, votre compte sera supprimé.`}
      heading="Votre compte sera bientôt supprimé"
    >
      <Text style={paragraphStyle}>{greeting(name)}</Text>
      <Text style={paragraphStyle}>
        Vous ne vous êtes pas connecté au portail du Baromètre Expérience Citoyen depuis près de trois ans. Comme
        l’annonce notre politique de protection des données, un compte inactif pendant trois ans est supprimé.
      </Text>
      <Text style={paragraphStyle}>
        Sans connexion de votre part, votre compte sera supprimé le <strong>{deletionDate}</strong>. Les données de
        votre structure (résultats, plan d’action, factures) ne sont pas concernées&nbsp;: seul votre accès personnel
        disparaît.
      </Text>
      <Text style={paragraphStyle}>Pour garder votre compte, il suffit de vous connecter une fois avant cette date.</Text>
      <CallToAction href={signInUrl} label="Me connecter" />
      <Text style={mutedStyle}>Si vous n’avez plus besoin de ce compte, vous n’avez rien à faire.</Text>
    </Layout>
  );
}

AccountInactive.PreviewProps = {
  name: "Camille Lefèvre",
  deletionDate: "15 mars 2027",
  signInUrl: "https://experience-citoyen.example.fr/connexion",
} satisfies AccountInactiveProps;
