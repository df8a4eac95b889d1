import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { Options as RenderOptions } from "@react-email/render";
import type { CSSProperties, ReactNode } from "react";

export const PRODUCT_NAME = "Baromètre Expérience Citoyen";

/**
 * Palette: every text/background pair meets WCAG AA (most reach AAA).
 * - text #161616 on #ffffff: 18.1:1
 * - muted #3a3a3a on #ffffff / #f6f6f6: 11.4:1 / 10.5:1
 * - button #ffffff on #000091: 15.4:1
 */
export const colors = {
  text: "#161616",
  muted: "#3a3a3a",
  brand: "#000091",
  onBrand: "#ffffff",
  page: "#f6f6f6",
  card: "#ffffff",
  border: "#dddddd",
} as const;

const fontFamily = "Marianne, Arial, Helvetica, sans-serif";

const bodyStyle: CSSProperties = {
  backgroundColor: colors.page,
  color: colors.text,
  fontFamily,
  margin: 0,
  padding: "24px 0",
};

const containerStyle: CSSProperties = {
  backgroundColor: colors.card,
  border: `1px solid ${colors.border}`,
  maxWidth: "600px",
  margin: "0 auto",
};

const headerStyle: CSSProperties = {
  borderBottom: `4px solid ${colors.brand}`,
  padding: "20px 32px",
};

const headerTextStyle: CSSProperties = {
  color: colors.brand,
  fontSize: "18px",
  fontWeight: 700,
  lineHeight: "24px",
  margin: 0,
};

const contentStyle: CSSProperties = {
  padding: "8px 32px 24px",
};

const headingStyle: CSSProperties = {
  color: colors.text,
  fontSize: "24px",
  fontWeight: 700,
  lineHeight: "32px",
  margin: "24px 0 16px",
};

export const paragraphStyle: CSSProperties = {
  color: colors.text,
  fontSize: "16px",
  lineHeight: "24px",
  margin: "0 0 16px",
};

export const mutedStyle: CSSProperties = {
  ...paragraphStyle,
  color: colors.muted,
  fontSize: "14px",
  lineHeight: "22px",
};

/** Style of the main call to action (a link styled as a button). */
export const buttonStyle: CSSProperties = {
  backgroundColor: colors.brand,
  borderRadius: "4px",
  color: colors.onBrand,
  display: "inline-block",
  fontSize: "16px",
  fontWeight: 700,
  lineHeight: "24px",
  padding: "12px 24px",
  textAlign: "center",
  textDecoration: "none",
};

const rawUrlStyle: CSSProperties = {
  color: colors.brand,
  fontSize: "14px",
  lineHeight: "22px",
  textDecoration: "underline",
  wordBreak: "break-all",
};

const footerStyle: CSSProperties = {
  backgroundColor: colors.page,
  borderTop: `1px solid ${colors.border}`,
  padding: "16px 32px",
};

const footerTextStyle: CSSProperties = {
  color: colors.muted,
  fontSize: "13px",
  lineHeight: "20px",
  margin: 0,
};

/** Collapses whitespace (including line breaks) so a value can safely go in a subject line. */
export function singleLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** "Bonjour Marie," or "Bonjour," when the name is unknown or blank. */
export function greeting(name: string | null): string {
  const trimmed = name === null ? "" : singleLine(name);
  return trimmed === "" ? "Bonjour," : `Bonjour ${trimmed},`;
}

/** French duration for link lifetimes: "1 minute", "15 minutes", "1 heure", "2 heures", "1 h 30". */
export function formatMinutes(totalMinutes: number): string {
  const n = Math.max(0, Math.round(totalMinutes));
  const format = (value: number) => new Intl.NumberFormat("fr-FR").format(value);
  if (n < 60) return `${format(n)} ${n > 1 ? "minutes" : "minute"}`;
  const hours = Math.floor(n / 60);
  const minutes = n % 60;
  if (minutes === 0) return `${format(hours)} ${hours > 1 ? "heures" : "heure"}`;
  return `${format(hours)}\u00a0h\u00a0${String(minutes).padStart(2, "0")}`;
}

export type CallToActionProps = {
  href: string;
  label: string;
};

/**
 * Main call to action: a button, followed by the raw URL for copy/paste
 * (some clients block styled links, some readers prefer to paste).
 * In the plain-text version the button becomes "label URL", so the
 * copy/paste hint is skipped there to avoid printing the URL twice.
 */
export function CallToAction({ href, label }: CallToActionProps) {
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button href={href} style={buttonStyle} data-cta="true">
        {label}
      </Button>
      <Text style={{ ...mutedStyle, margin: "16px 0 4px" }} data-skip-in-text="true">
        Si le bouton ne fonctionne pas, copiez et collez ce lien dans la barre d’adresse de votre navigateur&nbsp;:
      </Text>
      <Text style={{ ...mutedStyle, margin: 0 }} data-skip-in-text="true">
        <Link href={href} style={rawUrlStyle}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}

type HtmlToTextOptions = NonNullable<Extract<RenderOptions, { plainText?: true }>["htmlToTextOptions"]>;

/**
 * Plain-text conversion tuned for this layout (pass to `render(…, { plainText: true, htmlToTextOptions })`):
 * headings keep their case, and the call to action reads "label : URL".
 */
export const plainTextOptions: HtmlToTextOptions = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "a[data-cta=true]", format: "anchor", options: { linkBrackets: [": ", ""] } },
  ],
};

export type LayoutProps = {
  /** Used as the document title (usually the subject line). */
  title: string;
  /** Inbox preview line (hidden in the body). */
  preview: string;
  /** Main heading of the message (the only h1). */
  heading: string;
  children: ReactNode;
};

export function Layout({ title, preview, heading, children }: LayoutProps) {
  return (
    <Html lang="fr" dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Body style={bodyStyle}>
        <Preview>{preview}</Preview>
        <Container style={containerStyle}>
          <Section style={headerStyle}>
            <Text style={headerTextStyle}>{PRODUCT_NAME}</Text>
          </Section>
          <Section style={contentStyle}>
            <Heading as="h1" style={headingStyle}>
              {heading}
            </Heading>
            {children}
          </Section>
          <Section style={footerStyle}>
            <Text style={footerTextStyle}>
              {`Message envoyé automatiquement par le portail du ${PRODUCT_NAME}. Merci de ne pas y répondre.`}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
