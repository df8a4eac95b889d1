import { Link, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { CallToAction, Layout, colors, mutedStyle, paragraphStyle, singleLine } from "./components/layout";

export type DigestPractice = { number: number; title: string; url: string };

export type PracticeDigestProps = {
  practice: DigestPractice & { summary: string; determinants: string[] };
  /** Two other practices, for members only (empty for a citizen). */
  recommendations: DigestPractice[];
  practicesUrl: string;
  /** The subscriber's own one-click link (also in the List-Unsubscribe header). */
  unsubscribeUrl: string;
};

export function subject(props: PracticeDigestProps): string {
  return singleLine(`Bonne pratique n° ${props.practice.number} : ${props.practice.title}`);
}

const titleStyle: CSSProperties = { ...paragraphStyle, fontSize: "20px", lineHeight: "28px", fontWeight: 700 };
const sectionTitleStyle: CSSProperties = { ...paragraphStyle, fontWeight: 700, margin: "24px 0 8px" };
const listStyle: CSSProperties = { margin: "0 0 16px", paddingLeft: "24px", color: colors.text };
const itemStyle: CSSProperties = { fontSize: "16px", lineHeight: "24px", margin: "0 0 8px" };
const linkStyle: CSSProperties = { color: colors.brand, textDecoration: "underline" };

export default function PracticeDigest(props: PracticeDigestProps) {
  const { practice } = props;
  return (
    <Layout title={subject(props)} preview={singleLine(practice.summary).slice(0, 140)} heading="La bonne pratique de la semaine">
      <Text style={titleStyle}>{`N° ${practice.number} — ${practice.title}`}</Text>
      <Text style={paragraphStyle}>{practice.summary}</Text>
      {practice.determinants.length > 0 ? <Text style={mutedStyle}>{`Déterminants : ${practice.determinants.join(", ")}`}</Text> : null}
      <CallToAction href={practice.url} label="Lire la bonne pratique" />
      {props.recommendations.length > 0 ? (
        <Section>
          <Text style={sectionTitleStyle}>À lire aussi</Text>
          <ul style={listStyle}>
            {props.recommendations.map((item) => (
              <li key={item.url} style={itemStyle}>
                <Link href={item.url} style={linkStyle}>
                  {`N° ${item.number} — ${item.title}`}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Text style={paragraphStyle}>
        <Link href={props.practicesUrl} style={linkStyle}>
          Toutes les bonnes pratiques
        </Link>
      </Text>
      <Text style={mutedStyle}>
        Vous recevez ce message car vous êtes abonné à la bonne pratique de la semaine.{" "}
        <Link href={props.unsubscribeUrl} style={linkStyle}>
          Se désabonner
        </Link>
      </Text>
    </Layout>
  );
}

PracticeDigest.PreviewProps = {
  practice: {
    number: 12,
    title: "Rappeler dans la journée quand l'appel n'a pas abouti",
    summary: "Un agent rappelle avant 17 h tout usager dont l'appel est resté sans réponse : moins d'appels répétés, plus de demandes réglées au premier contact.",
    determinants: ["Joignabilité", "Réactivité"],
    url: "https://barometre.example/bonnes-pratiques/rappeler-dans-la-journee",
  },
  recommendations: [
    { number: 9, title: "Annoncer le délai d'attente au téléphone", url: "https://barometre.example/bonnes-pratiques/annoncer-le-delai" },
    { number: 7, title: "Un numéro unique affiché partout", url: "https://barometre.example/bonnes-pratiques/numero-unique" },
  ],
  practicesUrl: "https://barometre.example/bonnes-pratiques",
  unsubscribeUrl: "https://barometre.example/bonnes-pratiques/desabonnement?jeton=prev1ewunsubscr1be",
} satisfies PracticeDigestProps;
