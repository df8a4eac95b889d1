import { Text } from "@react-email/components";
import { CallToAction, Layout, greeting, paragraphStyle } from "./components/layout";

export type ResultsPublishedProps = { name: string | null; tenantName: string; editionTitle: string; resultsUrl: string };

export function subject(props: ResultsPublishedProps): string {
  return `Vos résultats sont publiés : ${props.editionTitle}`;
}

export default function ResultsPublished(props: ResultsPublishedProps) {
  return (
    <Layout title={subject(props)} preview={`Les résultats de ${props.tenantName} sont disponibles.`} heading="Vos résultats sont disponibles">
      <Text style={paragraphStyle}>{greeting(props.name)}</Text>
      <Text style={paragraphStyle}>
        {`Les résultats des audits mystères de ${props.tenantName} pour l'édition « ${props.editionTitle} » sont publiés : score global, scores par canal, par étape et par déterminant, comparaison avec les structures de votre catégorie et explications des points perdus.`}
      </Text>
      <Text style={paragraphStyle}>Ils restent consultables à tout moment dans votre espace, avec le rapport PDF.</Text>
      <CallToAction href={props.resultsUrl} label="Voir mes résultats" />
    </Layout>
  );
}

ResultsPublished.PreviewProps = {
  name: "Nadia",
  tenantName: "Ville de Villeurbanne",
  editionTitle: "Baromètre Expérience Citoyen 2027",
  resultsUrl: "https://barometre.example/t/villeurbanne/resultats",
} satisfies ResultsPublishedProps;
