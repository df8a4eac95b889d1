/**
 * The personalised results report (A4): a cover, the scores against peers, what cost points and
 * where to start. Pure apart from rendering: it receives the figures. Its fonts are embedded
 * (DejaVu Sans, as the invoices): the names, titles and comments members type may hold any
 * character (≤, →, −…), which the viewers' standard fonts (WinAnsi) cannot show.
 */
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ComponentProps } from "react";
import type { PrintablePlan } from "../action-plan/plan-export.server";
import { PDF_FONT, PDF_FONT_BOLD, registerPdfFonts } from "../billing/pdf-fonts.server";
import { noHyphenation, printable } from "../billing/quote-pdf.server";
import { ladderSteps } from "../offers/ladder";
import type { Recommendation } from "../offers/offers.server";
import { formatDate, formatEuros, formatScore } from "~/utils/format";
import type { TenantResults } from "./results.server";

const styles = StyleSheet.create({
  page: { padding: 48, fontSize: 10.5, fontFamily: PDF_FONT, color: "#161616" },
  cover: { padding: 64, fontFamily: PDF_FONT, color: "#161616" },
  brand: { fontSize: 12, color: "#000091", fontFamily: PDF_FONT_BOLD, marginBottom: 120 },
  title: { fontSize: 26, fontFamily: PDF_FONT_BOLD, marginBottom: 12, lineHeight: 1.25 },
  subtitle: { fontSize: 14, marginBottom: 48, lineHeight: 1.4 },
  big: { fontSize: 48, fontFamily: PDF_FONT_BOLD, color: "#000091" },
  h2: { fontSize: 15, fontFamily: PDF_FONT_BOLD, marginTop: 18, marginBottom: 8, color: "#000091" },
  p: { marginBottom: 6, lineHeight: 1.4 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#cccccc", paddingVertical: 4 },
  head: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#161616", paddingVertical: 4, fontFamily: PDF_FONT_BOLD },
  label: { flex: 3 },
  num: { flex: 1, textAlign: "right" },
  cell: { flex: 1, paddingRight: 4 },
  wide: { flex: 3, paddingRight: 6 },
  muted: { color: "#555555", fontSize: 9 },
  late: { fontFamily: PDF_FONT_BOLD },
  offer: { marginTop: 6, padding: 10, borderWidth: 1, borderColor: "#000091" },
  offerTitle: { fontFamily: PDF_FONT_BOLD, marginBottom: 4, lineHeight: 1.3 },
  footer: { position: "absolute", bottom: 24, left: 48, right: 48, fontSize: 8, color: "#555555", textAlign: "center" },
});

const show = (value: number | null | undefined) => (value === null || value === undefined ? "—" : formatScore(value));
const t = (text: string) => printable(text);
const signed = (value: number) => `${value > 0 ? "+" : value < 0 ? "−" : ""}${formatScore(Math.abs(Math.round(value * 10) / 10))}`;

/** A table cell of the plan: printable, never hyphenated (react-pdf's hyphenator is English). */
function Cell({ style, children }: { style?: ComponentProps<typeof View>["style"]; children: string }) {
  return (
    <Text style={style} hyphenationCallback={noHyphenation}>
      {t(children)}
    </Text>
  );
}

/** The structure's action plan: where it stands, then each action with who does it and by when. */
function PlanSection({ plan }: { plan: PrintablePlan }) {
  return (
    <>
      <Text style={styles.h2}>{t("Plan d'action")}</Text>
      <Cell style={styles.p}>{`Avancement : ${plan.progress}`}</Cell>
      {plan.rows.length > 0 ? (
        <>
          <View style={styles.head}>
            <Cell style={styles.wide}>Action</Cell>
            <Cell style={styles.cell}>Statut</Cell>
            <Cell style={styles.cell}>Priorité</Cell>
            <Cell style={styles.cell}>Responsable</Cell>
            <Cell style={styles.cell}>Échéance</Cell>
          </View>
          {plan.rows.map((row) => (
            <View style={styles.row} key={row.id} wrap={false}>
              <View style={styles.wide}>
                <Cell>{row.title}</Cell>
                {row.determinant || row.channel ? <Cell style={styles.muted}>{[row.determinant, row.channel].filter(Boolean).join(" · ")}</Cell> : null}
              </View>
              <Cell style={styles.cell}>{row.status}</Cell>
              <Cell style={styles.cell}>{row.priority}</Cell>
              <Cell style={styles.cell}>{row.owner || "—"}</Cell>
              <View style={styles.cell}>
                <Cell>{row.dueOn || "—"}</Cell>
                {row.overdue ? <Cell style={styles.late}>en retard</Cell> : null}
              </View>
            </View>
          ))}
        </>
      ) : null}
    </>
  );
}

/** The structure's next step on AFNOR's offer ladder, why, and the offer that serves it. */
function NextStepSection({ recommendation }: { recommendation: Recommendation }) {
  const step = ladderSteps.find((s) => s.step === recommendation.step)?.label ?? recommendation.step;
  const { offer } = recommendation;
  return (
    <View wrap={false}>
      <Text style={styles.h2}>{t("Votre prochaine étape")}</Text>
      <Cell style={styles.p}>{`Étape recommandée : ${step}.`}</Cell>
      <Cell style={styles.p}>{recommendation.reason}</Cell>
      {offer ? (
        <View style={styles.offer}>
          <Cell style={styles.offerTitle}>{`Offre recommandée : ${offer.title}`}</Cell>
          <Cell style={styles.p}>{offer.description}</Cell>
          <Cell style={styles.p}>{`Durée : ${offer.duration} · Prix : ${offer.priceHtCents === null ? "sur devis" : `${formatEuros(offer.priceHtCents)} HT`}`}</Cell>
          <Cell style={styles.muted}>Détail, sessions et commande : rubrique « Offres » de votre espace sur le portail du baromètre.</Cell>
        </View>
      ) : null}
    </View>
  );
}

export async function renderResultsReport(input: {
  tenantName: string;
  categoryLabel: string;
  results: TenantResults;
  plan?: PrintablePlan | null;
  recommendation?: Recommendation | null;
}): Promise<Buffer> {
  registerPdfFonts();
  const { results } = input;
  const weakest = [...results.determinants].reverse().slice(0, 3);
  const footer = <Text style={styles.footer} fixed render={({ pageNumber, totalPages }) => t(`${input.tenantName} — rapport ${results.year} — page ${pageNumber} / ${totalPages}`)} />;
  return renderToBuffer(
    <Document title={t(`Rapport ${results.year} — ${input.tenantName}`)} author="AFNOR — Baromètre Expérience Citoyen" language="fr-FR">
      <Page size="A4" style={styles.cover}>
        <Text style={styles.brand}>{t("Baromètre Expérience Citoyen")}</Text>
        <Text style={styles.title}>{t(`Rapport de résultats ${results.year}`)}</Text>
        <Text style={styles.subtitle}>{t(`${input.tenantName} — ${input.categoryLabel}. Résultats publiés le ${formatDate(results.publishedAt)}.`)}</Text>
        <Text style={styles.p}>{t("Score global")}</Text>
        <Text style={styles.big}>{t(`${show(results.global.score)} / 100`)}</Text>
        <Text style={styles.p}>{t(`Médiane de votre catégorie : ${show(results.global.peers.category?.median)} · moyenne nationale : ${show(results.global.peers.national?.mean)}`)}</Text>
      </Page>
      <Page size="A4" style={styles.page}>
        <Text style={styles.h2}>{t("Synthèse")}</Text>
        <Text style={styles.p}>
          {t(
            `Pendant l'édition ${results.year}, des auditeurs anonymes ont contacté ${input.tenantName} sur six canaux. Votre score global est de ${show(results.global.score)} sur 100. Les tableaux ci-dessous le comparent aux structures de votre catégorie (médiane et quartiles) ; un tiret signale un groupe de moins de cinq structures, dont les chiffres ne sont pas communiqués.`,
          )}
        </Text>
        <Text style={styles.h2}>{t("Scores par canal")}</Text>
        <View style={styles.head}>
          <Text style={styles.label}>{t("Canal")}</Text>
          <Text style={styles.num}>{t("Votre score")}</Text>
          <Text style={styles.num}>{t("Médiane")}</Text>
          <Text style={styles.num}>{t("1er – 3e quartile")}</Text>
        </View>
        {results.channels.map((c) => (
          <View style={styles.row} key={c.code}>
            <Text style={styles.label}>{t(c.label)}</Text>
            <Text style={styles.num}>{t(show(c.score))}</Text>
            <Text style={styles.num}>{t(show(c.peers.category?.median))}</Text>
            <Text style={styles.num}>{t(c.peers.category ? `${show(c.peers.category.q1)} – ${show(c.peers.category.q3)}` : "—")}</Text>
          </View>
        ))}
        <Text style={styles.h2}>{t("Scores par étape du contact")}</Text>
        {results.stages.map((s) => (
          <View style={styles.row} key={s.code}>
            <Text style={styles.label}>{t(s.label)}</Text>
            <Text style={styles.num}>{t(show(s.score))}</Text>
            <Text style={styles.num}>{t(show(s.peers.category?.median))}</Text>
            <Text style={styles.num}> </Text>
          </View>
        ))}
        {results.evolution.length > 1 ? (
          <>
            <Text style={styles.h2}>{t("Évolution d'une édition à l'autre")}</Text>
            <View style={styles.head}>
              <Text style={styles.label}>{t("Édition")}</Text>
              <Text style={styles.num}>{t("Votre score")}</Text>
              <Text style={styles.num}>{t("Moyenne nationale")}</Text>
              <Text style={styles.num}>{t("Écart")}</Text>
            </View>
            {results.evolution.map((e) => (
              <View style={styles.row} key={e.year}>
                <Text style={styles.label}>{t(String(e.year))}</Text>
                <Text style={styles.num}>{t(show(e.score))}</Text>
                <Text style={styles.num}>{t(show(e.nationalMean))}</Text>
                <Text style={styles.num}>{t(e.score !== null && e.nationalMean !== null ? signed(e.score - e.nationalMean) : "—")}</Text>
              </View>
            ))}
          </>
        ) : null}
        <Text style={styles.h2}>{t("Ce qui a coûté le plus de points")}</Text>
        {results.global.lostItems.map((item) => (
          <Text style={styles.p} key={item.itemCode}>
            {t(`• ${item.label} (${item.itemCode}) : ${formatScore(item.lostPoints)} point(s) perdu(s), audits n° ${item.audits.map((a) => a.number).join(", ")}.`)}
          </Text>
        ))}
        <Text style={styles.h2}>{t("Par où commencer")}</Text>
        {weakest.map((d) => (
          <Text style={styles.p} key={d.code}>
            {t(`• ${d.label} : ${show(d.score)} / 100 (médiane de la catégorie : ${show(d.median)}). Fixez un objectif chiffré pour la prochaine édition et confiez-le à un responsable nommé.`)}
          </Text>
        ))}
        {input.recommendation ? <NextStepSection recommendation={input.recommendation} /> : null}
        {footer}
      </Page>
      {input.plan ? (
        <Page size="A4" style={styles.page}>
          <PlanSection plan={input.plan} />
          {footer}
        </Page>
      ) : null}
    </Document>,
  );
}
