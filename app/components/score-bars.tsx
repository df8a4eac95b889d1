import { formatScore } from "~/utils/format";

type Bar = { label: string; score: number | null; median: number | null };

/**
 * Horizontal bars of a structure's scores out of 100, with the peers' median as a mark.
 * Server-rendered SVG (no JavaScript); the data table printed next to it is the text alternative.
 */
export function ScoreBars({ title, bars, tableId }: { title: string; bars: Bar[]; tableId: string }) {
  const rowHeight = 34;
  const labelWidth = 230;
  const chartWidth = 360;
  const height = bars.length * rowHeight + 24;
  return (
    <svg
      role="img"
      aria-labelledby={`${tableId}-titre`}
      aria-describedby={tableId}
      viewBox={`0 0 ${labelWidth + chartWidth + 70} ${height}`}
      width="100%"
      style={{ maxWidth: 680 }}
    >
      <title id={`${tableId}-titre`}>{`${title} (le tableau qui suit donne les mêmes valeurs)`}</title>
      {bars.map((bar, index) => {
        const y = index * rowHeight + 8;
        const width = bar.score === null ? 0 : (bar.score / 100) * chartWidth;
        return (
          <g key={bar.label}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#161616">
              {bar.label}
            </text>
            <rect x={labelWidth} y={y + 4} width={chartWidth} height={18} fill="#eeeeee" />
            <rect x={labelWidth} y={y + 4} width={width} height={18} fill="#000091" />
            {bar.median !== null ? (
              <line x1={labelWidth + (bar.median / 100) * chartWidth} x2={labelWidth + (bar.median / 100) * chartWidth} y1={y} y2={y + 26} stroke="#b34000" strokeWidth={3} />
            ) : null}
            <text x={labelWidth + chartWidth + 8} y={y + 17} fontSize="13" fill="#161616">
              {bar.score === null ? "—" : formatScore(bar.score)}
            </text>
          </g>
        );
      })}
      <text x={labelWidth} y={height - 2} fontSize="11" fill="#3a3a3a">
        Trait orange : médiane de votre catégorie
      </text>
    </svg>
  );
}
