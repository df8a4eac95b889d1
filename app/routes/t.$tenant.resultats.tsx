import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EvolutionChart } from "~/components/evolution-chart";
import { ScoreBars } from "~/components/score-bars";
import { Notice } from "~/components/ui/field";
import { nextStepFor } from "~/modules/offers/offers.server";
import { tenantResults, type TenantResults } from "~/modules/results/results.server";
import { barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatDate, formatScore } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Résultats | Baromètre Expérience Citoyen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const results = await tenantResults(ctx);
  if (!results) return { tenantName: ctx.tenant.name, slug: ctx.tenant.slug, results: null, nextStep: null };
  return { tenantName: ctx.tenant.name, slug: ctx.tenant.slug, nextStep: nextStepFor(ctx, results).reason, results: resultsPage(results) };
}

/** What the page shows of the results, and nothing more: the document carries it a second time for hydration. */
function resultsPage(results: TenantResults) {
  const { global } = results;
  return {
    year: results.year,
    title: results.title,
    certified: results.certified,
    categoryLabel: isBarometerCategory(results.category) ? barometerCategoryLabels[results.category] : results.category,
    publishedAt: formatDate(results.publishedAt),
    global: {
      score: global.score,
      categoryMedian: global.peers.category?.median,
      nationalMean: global.peers.national?.mean,
      certifiedMean: global.peers.certified?.mean,
      nonCertifiedMean: global.peers.nonCertified?.mean,
      lostItems: global.lostItems.map((item) => ({
        itemCode: item.itemCode,
        label: item.label,
        lostPoints: item.lostPoints,
        audits: item.audits.map((a) => `n° ${a.number} du ${formatDate(a.date)}`).join(", "),
        auditCount: item.audits.length,
      })),
    },
    channels: results.channels.map((c) => ({
      code: c.code,
      label: c.label,
      score: c.score,
      q1: c.peers.category?.q1,
      median: c.peers.category?.median,
      q3: c.peers.category?.q3,
      nationalMean: c.peers.national?.mean,
    })),
    stages: results.stages.map((s) => ({ code: s.code, label: s.label, score: s.score, median: s.peers.category?.median, nationalMean: s.peers.national?.mean })),
    stageLabels: results.stageLabels,
    cells: results.cells,
    strengths: results.determinants.slice(0, 5).map((d) => ({ code: d.code, label: d.label, score: d.score })),
    weaknesses: [...results.determinants]
      .reverse()
      .slice(0, 5)
      .map((d) => ({ code: d.code, label: d.label, score: d.score, median: d.median })),
    evolution: results.evolution,
  };
}

const show = (value: number | null | undefined) => (value === null || value === undefined ? "—" : formatScore(value));
const peerNote = "— : groupe de moins de 5 structures, chiffre non communiqué.";

export default function Results() {
  const { tenantName, slug, results, nextStep } = useLoaderData<typeof loader>();
  if (!results) {
    return (
      <div className="stack">
        <h1>Résultats</h1>
        <Notice tone="info">Les résultats de {tenantName} ne sont pas encore publiés. Ils apparaîtront ici dès la publication de l'édition.</Notice>
      </div>
    );
  }
  const { strengths, weaknesses } = results;
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Résultats {results.year}</h1>
        <p className="lead">
          {results.title} — publiés le {results.publishedAt}. Catégorie : {results.categoryLabel}
          {results.certified ? " · structure certifiée" : ""}.
        </p>
        <p className="cluster">
          <a className="btn" href={`/t/${slug}/resultats/rapport.pdf`}>
            Télécharger le rapport (PDF)
          </a>
          <a className="btn btn-secondary" href={`/t/${slug}/resultats/constats.csv`}>
            Exporter les constats (CSV)
          </a>
        </p>
      </div>

      <section className="card stack" aria-labelledby="titre-global">
        <h2 id="titre-global">Score global</h2>
        <p className="kpi">
          <span className="kpi-value">{show(results.global.score)}</span> <span className="kpi-unit">/ 100</span>
        </p>
        <dl className="definition-list">
          <div>
            <dt>Médiane de votre catégorie</dt>
            <dd>{show(results.global.categoryMedian)}</dd>
          </div>
          <div>
            <dt>Moyenne nationale</dt>
            <dd>{show(results.global.nationalMean)}</dd>
          </div>
          <div>
            <dt>Moyenne des structures certifiées / non certifiées</dt>
            <dd>
              {show(results.global.certifiedMean)} / {show(results.global.nonCertifiedMean)}
            </dd>
          </div>
        </dl>
        <p className="muted">{peerNote}</p>
      </section>

      <section className="stack" aria-labelledby="titre-canaux">
        <h2 id="titre-canaux">Par canal de contact</h2>
        <ScoreBars title="Score par canal et médiane de la catégorie" tableId="tableau-canaux" bars={results.channels.map((c) => ({ label: c.label, score: c.score, median: c.median ?? null }))} />
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-canaux">
          <table className="table" id="tableau-canaux">
            <caption id="legende-canaux">Scores par canal, comparés à votre catégorie</caption>
            <thead>
              <tr>
                <th scope="col">Canal</th>
                <th scope="col" className="numeric">Votre score</th>
                <th scope="col" className="numeric">1er quartile</th>
                <th scope="col" className="numeric">Médiane</th>
                <th scope="col" className="numeric">3e quartile</th>
                <th scope="col" className="numeric">Moyenne nationale</th>
              </tr>
            </thead>
            <tbody>
              {results.channels.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.label}</th>
                  <td className="numeric">{show(c.score)}</td>
                  <td className="numeric">{show(c.q1)}</td>
                  <td className="numeric">{show(c.median)}</td>
                  <td className="numeric">{show(c.q3)}</td>
                  <td className="numeric">{show(c.nationalMean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="stack" aria-labelledby="titre-etapes">
        <h2 id="titre-etapes">Par étape du contact</h2>
        <ScoreBars title="Score par étape et médiane de la catégorie" tableId="tableau-etapes" bars={results.stages.map((s) => ({ label: s.label, score: s.score, median: s.median ?? null }))} />
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-etapes">
          <table className="table" id="tableau-etapes">
            <caption id="legende-etapes">Scores par étape, comparés à votre catégorie</caption>
            <thead>
              <tr>
                <th scope="col">Étape</th>
                <th scope="col" className="numeric">Votre score</th>
                <th scope="col" className="numeric">Médiane de la catégorie</th>
                <th scope="col" className="numeric">Moyenne nationale</th>
              </tr>
            </thead>
            <tbody>
              {results.stages.map((s) => (
                <tr key={s.code}>
                  <th scope="row">{s.label}</th>
                  <td className="numeric">{show(s.score)}</td>
                  <td className="numeric">{show(s.median)}</td>
                  <td className="numeric">{show(s.nationalMean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-croise">
          <table className="table">
            <caption id="legende-croise">Scores par canal et par étape</caption>
            <thead>
              <tr>
                <th scope="col">Canal</th>
                {results.stageLabels.map((label) => (
                  <th scope="col" className="numeric" key={label}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {results.cells.map((row) => (
                <tr key={row.channel}>
                  <th scope="row">{row.channel}</th>
                  {row.scores.map((value, index) => (
                    <td className="numeric" key={results.stageLabels[index]}>
                      {show(value)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="grid" aria-label="Points forts et points à améliorer">
        <div className="card stack">
          <h2>Points forts</h2>
          <ol>
            {strengths.map((d) => (
              <li key={d.code}>
                {d.label} : {show(d.score)} / 100
              </li>
            ))}
          </ol>
        </div>
        <div className="card stack">
          <h2>Points à améliorer</h2>
          <ol>
            {weaknesses.map((d) => (
              <li key={d.code}>
                {d.label} : {show(d.score)} / 100 (médiane de la catégorie : {show(d.median)})
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section className="stack" aria-labelledby="titre-pertes">
        <h2 id="titre-pertes">Les constats qui coûtent le plus de points</h2>
        <ol className="stack">
          {results.global.lostItems.map((item) => (
            <li key={item.itemCode}>
              <strong>{item.label}</strong> ({item.itemCode}) — {formatScore(item.lostPoints)} point{item.lostPoints >= 2 ? "s" : ""} perdu{item.lostPoints >= 2 ? "s" : ""}, lors
              {item.auditCount > 1 ? " des audits " : " de l'audit "}
              {item.audits}.
            </li>
          ))}
        </ol>
      </section>

      {results.evolution.length > 1 ? (
        <section className="stack" aria-labelledby="titre-evolution">
          <h2 id="titre-evolution">Évolution</h2>
          <EvolutionChart title="Score global par édition et moyenne nationale" tableId="tableau-evolution" points={results.evolution} />
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-evolution">
            <table className="table" id="tableau-evolution">
              <caption id="legende-evolution">Score global par édition</caption>
              <thead>
                <tr>
                  <th scope="col">Édition</th>
                  <th scope="col" className="numeric">Score global</th>
                  <th scope="col" className="numeric">Moyenne nationale</th>
                </tr>
              </thead>
              <tbody>
                {results.evolution.map((e) => (
                  <tr key={e.year}>
                    <th scope="row">{e.year}</th>
                    <td className="numeric">{show(e.score)}</td>
                    <td className="numeric">{show(e.nationalMean)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {nextStep ? (
        <section className="card stack" aria-labelledby="titre-prochaine-etape">
          <h2 id="titre-prochaine-etape">Votre prochaine étape</h2>
          <p>{nextStep}</p>
          <p>
            <Link to={`/t/${slug}/offres`}>Voir l'offre recommandée et le catalogue</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
