type Bar = { label: string; value: number; display: string };

/**
 * Horizontal bars of counts or amounts, each label above its bar so long labels stay whole.
 * Server-rendered SVG (no JavaScript); the data table given by `tableId` holds the same values in
 * text and is what assistive technologies are pointed to.
 */
export function BarChart({ title, bars, tableId, color = "#000091" }: { title: string; bars: Bar[]; tableId: string; color?: string }) {
  const rowHeight = 46;
  const chartWidth = 520;
  const valueWidth = 150;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  return (
    <svg
      role="img"
      aria-labelledby={`${tableId}-titre`}
      aria-describedby={tableId}
      viewBox={`0 0 ${chartWidth + valueWidth} ${height}`}
      width="100%"
      style={{ maxWidth: 720 }}
    >
      <title id={`${tableId}-titre`}>{`${title} (le tableau qui suit donne les mêmes valeurs)`}</title>
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4;
        const width = max > 0 && bar.value > 0 ? Math.max(2, (bar.value / max) * chartWidth) : 0;
        return (
          <g key={`${bar.label}-${index}`}>
            <text x={0} y={y + 13} fontSize="13" fill="#161616">
              {bar.label}
            </text>
            <rect x={0} y={y + 19} width={chartWidth} height={18} fill="#eeeeee" />
            <rect x={0} y={y + 19} width={width} height={18} fill={color} />
            <text x={chartWidth + 8} y={y + 33} fontSize="13" fill="#161616">
              {bar.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
