import { Link } from "@remix-run/react";
import { EvolutionChart } from "~/components/evolution-chart";
import { describeDelta, formatDelta, formatFigure, formatParticipants, type EditionKeyFigures, type TrendPoint } from "~/modules/public/key-figures";

/** A change, or a dash read as "not published". */
export function Delta({ value }: { value: number | null }) {
  if (value === null)
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">non publiée</span>
      </>
    );
  return <span title={describeDelta(value)}>{formatDelta(value)}</span>;
}

function Score({ value }: { value: number }) {
  return (
    <>
      {formatFigure(value)}
      <span className="kpi-unit">/100</span>
    </>
  );
}

export function sourceNote(figures: Pick<EditionKeyFigures, "source">) {
  return figures.source === "editorial"
    ? "Chiffres nationaux publiés par AFNOR pour cette édition."
    : "Chiffres calculés à partir des résultats publiés de l'édition : moyennes nationales arrondies au dixième, sans les groupes de moins de 5 structures.";
}

/**
 * One edition's figures as the public reads them (also the back-office preview of unsaved values):
 * headline numbers, the channel table, the facts. Only what was published is shown.
 */
export function EditionFiguresView({ figures }: { figures: EditionKeyFigures }) {
  const headline = [
    figures.globalScore !== null
      ? {
          key: "global",
          label: "Score global national",
          value: <Score value={figures.globalScore} />,
          detail: figures.globalDelta !== null ? `${formatDelta(figures.globalDelta)} point${Math.abs(figures.globalDelta) >= 2 ? "s" : ""} sur un an` : null,
        }
      : null,
    figures.participants !== null
      ? { key: "participants", label: "Structures participantes", value: formatParticipants(figures.participants, figures.participantsApproximate), detail: null }
      : null,
    figures.certifiedScore !== null ? { key: "certified", label: "Score des structures certifiées", value: <Score value={figures.certifiedScore} />, detail: null } : null,
    figures.othersScore !== null ? { key: "others", label: "Score des autres structures", value: <Score value={figures.othersScore} />, detail: null } : null,
  ].filter((figure) => figure !== null);
  const gap = figures.certifiedScore !== null && figures.othersScore !== null ? figures.certifiedScore - figures.othersScore : null;
  return (
    <div className="stack stack-lg">
      {figures.summary ? <p className="lead">{figures.summary}</p> : null}
      <section className="stack stack-sm" aria-labelledby={`essentiel-${figures.year}`}>
        <h2 id={`essentiel-${figures.year}`}>L'essentiel</h2>
        {headline.length > 0 ? (
          <ul className="grid" role="list">
            {headline.map((figure) => (
              <li className="card kpi" key={figure.key} id={`chiffre-${figure.key}`}>
                <span className="kpi-value">{figure.value}</span>
                <span className="kpi-label">{figure.label}</span>
                {figure.detail ? <span className="muted">{figure.detail}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun score national n'a été publié pour cette édition.</p>
        )}
        {gap !== null && gap !== 0 ? (
          <p>
            Les structures certifiées obtiennent {formatFigure(Math.abs(gap))} point{Math.abs(gap) >= 2 ? "s" : ""} {gap > 0 ? "de plus" : "de moins"} que les autres.
          </p>
        ) : null}
      </section>
      {figures.channels.length > 0 ? (
        <section className="stack stack-sm" aria-labelledby={`canaux-${figures.year}`}>
          <h2 id={`canaux-${figures.year}`}>Scores par canal</h2>
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={`legende-canaux-${figures.year}`}>
            <table className="table" id={`tableau-canaux-${figures.year}`}>
              <caption id={`legende-canaux-${figures.year}`}>Score national par canal de contact en {figures.year}, sur 100, du meilleur au moins bon</caption>
              <thead>
                <tr>
                  <th scope="col">Canal</th>
                  <th scope="col" className="numeric">
                    Score sur 100
                  </th>
                  <th scope="col" className="numeric">
                    Évolution sur un an (points)
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.channels.map((channel) => (
                  <tr key={channel.code} id={`canal-${channel.code}`}>
                    <th scope="row">{channel.label}</th>
                    <td className="numeric">{formatFigure(channel.score)}</td>
                    <td className="numeric">
                      <Delta value={channel.delta} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {figures.facts.length > 0 ? (
        <section className="stack stack-sm" aria-labelledby={`faits-${figures.year}`}>
          <h2 id={`faits-${figures.year}`}>Faits marquants</h2>
          <ul>
            {figures.facts.map((fact) => (
              <li key={fact}>{fact}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="muted">{sourceNote(figures)}</p>
    </div>
  );
}

/** All editions side by side, newest first, each year linking to its page. */
export function KeyFiguresTable({ editions }: { editions: EditionKeyFigures[] }) {
  return (
    <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-editions">
      <table className="table" id="tableau-editions">
        <caption id="legende-editions">Chiffres clés de chaque édition, de la plus récente à la plus ancienne</caption>
        <thead>
          <tr>
            <th scope="col">Édition</th>
            <th scope="col" className="numeric">
              Score global sur 100
            </th>
            <th scope="col" className="numeric">
              Évolution (points)
            </th>
            <th scope="col" className="numeric">
              Structures participantes
            </th>
            <th scope="col" className="numeric">
              Certifiées / autres
            </th>
            <th scope="col">Faits marquants</th>
          </tr>
        </thead>
        <tbody>
          {editions.map((edition) => (
            <tr key={edition.year} id={`edition-${edition.year}`}>
              <th scope="row">
                <Link to={`/chiffres-cles/${edition.year}`}>{edition.year}</Link>
                {edition.editionLabel ? <span className="muted"> ({edition.editionLabel})</span> : null}
              </th>
              <td className="numeric">{edition.globalScore !== null ? formatFigure(edition.globalScore) : <NotPublished />}</td>
              <td className="numeric">
                <Delta value={edition.globalDelta} />
              </td>
              <td className="numeric">{edition.participants !== null ? formatParticipants(edition.participants, edition.participantsApproximate) : <NotPublished />}</td>
              <td className="numeric">
                {edition.certifiedScore !== null && edition.othersScore !== null ? (
                  `${formatFigure(edition.certifiedScore)} / ${formatFigure(edition.othersScore)}`
                ) : edition.certifiedScore !== null ? (
                  `${formatFigure(edition.certifiedScore)} / —`
                ) : (
                  <NotPublished />
                )}
              </td>
              <td>
                {edition.facts.length > 0 ? (
                  <ul>
                    {edition.facts.map((fact) => (
                      <li key={fact}>{fact}</li>
                    ))}
                  </ul>
                ) : (
                  <NotPublished />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NotPublished() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">non publié</span>
    </>
  );
}

/** A score across editions: the SVG line (no JavaScript) and the table that holds the same values. */
export function TrendChart({ id, title, points }: { id: string; title: string; points: TrendPoint[] }) {
  const tableId = `tableau-${id}`;
  return (
    <div className="stack stack-sm">
      <EvolutionChart
        title={title}
        tableId={tableId}
        points={points.map((p) => ({ year: p.year, score: p.value, nationalMean: null }))}
        legend="Score national sur 100, éditions sans score publié omises"
        formatValue={formatFigure}
      />
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={`${tableId}-legende`}>
        <table className="table" id={tableId}>
          <caption id={`${tableId}-legende`}>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Édition</th>
              <th scope="col" className="numeric">
                Score sur 100
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.year}>
                <th scope="row">{point.year}</th>
                <td className="numeric">{formatFigure(point.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
