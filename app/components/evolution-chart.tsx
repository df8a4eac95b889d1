import { formatScore } from "~/utils/format";

type Point = { year: number; score: number | null; nationalMean: number | null };

/**
 * The structure's global score edition after edition, with the national mean: a server-rendered
 * SVG line chart (no JavaScript). The table given by `tableId` holds the same values in text.
 * Also draws a single series (national mean always null, e.g. the public key figures), with its own
 * legend and number format.
 */
export function EvolutionChart({
  title,
  points,
  tableId,
  legend = "Trait plein : votre score global · pointillés : moyenne nationale",
  formatValue = formatScore,
}: {
  title: string;
  points: Point[];
  tableId: string;
  legend?: string;
  formatValue?: (value: number) => string;
}) {
  const left = 44;
  const top = 16;
  const plotWidth = Math.max(220, points.length * 90);
  const plotHeight = 200;
  const x = (index: number) => left + (points.length === 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
  const y = (score: number) => top + plotHeight - (score / 100) * plotHeight;
  const line = (values: (number | null)[]) =>
    values
      .map((value, index) => (value === null ? null : `${x(index)},${y(value)}`))
      .filter(Boolean)
      .join(" ");
  return (
    <svg role="img" aria-labelledby={`${tableId}-titre`} aria-describedby={tableId} viewBox={`0 0 ${left + plotWidth + 40} ${top + plotHeight + 56}`} width="100%" style={{ maxWidth: 720 }}>
      <title id={`${tableId}-titre`}>{`${title} (le tableau qui suit donne les mêmes valeurs)`}</title>
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick}>
          <line x1={left} x2={left + plotWidth} y1={y(tick)} y2={y(tick)} stroke="#dddddd" />
          <text x={left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#3a3a3a">
            {tick}
          </text>
        </g>
      ))}
      {points.some((p) => p.nationalMean !== null) ? (
        <polyline points={line(points.map((p) => p.nationalMean))} fill="none" stroke="#b34000" strokeWidth={2} strokeDasharray="6 4" />
      ) : null}
      <polyline points={line(points.map((p) => p.score))} fill="none" stroke="#000091" strokeWidth={3} />
      {points.map((point, index) => (
        <g key={point.year}>
          {point.score !== null ? (
            <>
              <circle cx={x(index)} cy={y(point.score)} r={5} fill="#000091" />
              <text x={x(index)} y={y(point.score) - 10} textAnchor="middle" fontSize="12" fill="#161616">
                {formatValue(point.score)}
              </text>
            </>
          ) : null}
          {point.nationalMean !== null ? <rect x={x(index) - 4} y={y(point.nationalMean) - 4} width={8} height={8} fill="#b34000" /> : null}
          <text x={x(index)} y={top + plotHeight + 18} textAnchor="middle" fontSize="12" fill="#161616">
            {point.year}
          </text>
        </g>
      ))}
      <text x={left} y={top + plotHeight + 44} fontSize="11" fill="#3a3a3a">
        {legend}
      </text>
    </svg>
  );
}
