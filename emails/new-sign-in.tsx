import { Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { CallToAction, Layout, colors, greeting, mutedStyle, paragraphStyle } from "./components/layout";

export type NewSignInProps = {
  name: string | null;
  /** Already formatted in French, e.g. "mardi 9 septembre 2025 à 14 h 32". */
  when: string;
  device: string;
  ip: string | null;
  sessionsUrl: string;
};

export function subject(_props: NewSignInProps): string {
  return "Nouvelle connexion à votre compte";
}

const detailsStyle: CSSProperties = {
  backgroundColor: colors.page,
  borderLeft: `4px solid ${colors.brand}`,
  margin: "0 0 16px",
  padding: "12px 16px",
};

const detailStyle: CSSProperties = { ...paragraphStyle, margin: "0 0 4px" };

export default function NewSignIn(props: NewSignInProps) {
  const { name, when, device, ip, sessionsUrl } = props;
  return (
    <Layout
      title={subject(props)}
      preview={`Nouvelle connexion le ${when} depuis ${device}.`}
      heading="Nouvelle connexion à votre compte"
    >
      <Text style={paragraphStyle}>{greeting(name)}</Text>
      <Text style={paragraphStyle}>
        Une nouvelle connexion à votre compte du portail Baromètre Expérience Citoyen vient d’avoir lieu.
      </Text>
      <Section style={detailsStyle}>
        <Text style={detailStyle}>
          <strong>Date&nbsp;:</strong>{` ${when}`}
        </Text>
        <Text style={detailStyle}>
          <strong>Appareil&nbsp;:</strong>{` ${device}`}
        </Text>
        {ip !== null && ip.trim() !== "" ? (
          <Text style={detailStyle}>
            <strong>Adresse IP&nbsp;:</strong>{` ${ip}`}
          </Text>
        ) : null}
      </Section>
      <Text style={paragraphStyle}>Si c’est bien vous, vous n’avez rien à faire.</Text>
      <Text style={paragraphStyle}>
        Si vous ne reconnaissez pas cette connexion, fermez la session concernée depuis la page de gestion de vos
        sessions, puis changez votre mot de passe.
      </Text>
      <CallToAction href={sessionsUrl} label="Gérer mes sessions" />
      <Text style={mutedStyle}>
        Ce message vous est envoyé pour protéger votre compte.
      </Text>
    </Layout>
  );
}

NewSignIn.PreviewProps = {
  name: "Camille Lefèvre",
  when: "mardi 9 septembre 2025 à 14\u00a0h\u00a032",
  device: "Firefox sur Windows",
  ip: "203.0.113.42",
  sessionsUrl: "https://experience-citoyen.example.fr/compte/sessions",
} satisfies NewSignInProps;
