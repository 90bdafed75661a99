// A grouped bar chart as inline SVG, drawn on the server (no chart script to load on a tablet).
// The picture is one image with a title and a summary for screen readers; the same numbers
// follow in a table (the text alternative), folded under 「表で見る」.
import { useId } from "react";

export interface BarSeries {
  name: string;
  /** A fill colour; each series also gets its own pattern-free shade and a legend swatch. */
  color: string;
  values: number[];
}

export function BarChart(props: {
  title: string;
  summary: string;
  /** Short labels under the bars (「12/1」). */
  categories: string[];
  /** Longer labels for the table rows (「12月1日（火）」); defaults to `categories`. */
  tableLabels?: string[];
  /** The heading of the table's first column (「日付」「会場」). */
  categoryName?: string;
  series: BarSeries[];
  unit?: string;
  height?: number;
  /** The widest a category may get (default 80 px): wider for long labels and few categories. */
  maxGroupWidth?: number;
}) {
  const titleId = useId();
  const descId = useId();
  const { categories, series } = props;
  const unit = props.unit ?? "";
  const height = props.height ?? 220;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const left = 44;
  const bottom = 40;
  const groupWidth = Math.max(24, Math.min(props.maxGroupWidth ?? 80, 880 / Math.max(1, categories.length)));
  const width = left + groupWidth * categories.length + 8;
  // Bars at most 40 px wide, centred in their group (one series over few categories stays a bar, not a block).
  const barWidth = Math.min(40, Math.max(3, (groupWidth - 6) / Math.max(1, series.length)));
  const barOffset = Math.max(0, (groupWidth - 6 - barWidth * series.length) / 2);
  const plot = height - bottom - 10;
  // 0, half and the top; no repeated tick when the top is small (max 1 gives 0 and 1 only).
  const ticks = [...new Set([0, 0.5, 1].map((f) => Math.round(max * f)))];
  const labelEvery = Math.ceil(categories.length / 14);

  return (
    <figure className="space-y-2">
      <figcaption id={titleId} className="font-bold">
        {props.title}
      </figcaption>
      <ul className="flex flex-wrap gap-3 text-sm" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name} className="flex items-center gap-1">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: s.color }} />
            {s.name}
          </li>
        ))}
      </ul>
      {series.every((s) => s.values.every((v) => v === 0)) && <p className="text-sm text-[var(--color-muted)]">この期間は、どの項目も0です。</p>}
      {/* Wide charts scroll sideways: the region takes the keyboard focus so arrow keys can scroll it (WCAG 2.1.1). */}
      <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2" tabIndex={0} role="region" aria-labelledby={titleId}>
        <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-none">
          <desc id={descId}>{props.summary}</desc>
          {ticks.map((t) => {
            const y = 10 + plot - (t / max) * plot;
            return (
              <g key={t}>
                <line x1={left} x2={width} y1={y} y2={y} stroke="#cbd5e1" strokeWidth={1} />
                <text x={left - 4} y={y + 4} textAnchor="end" fontSize={11} fill="#334155">
                  {t}
                </text>
              </g>
            );
          })}
          {categories.map((c, i) => (
            <g key={i} transform={`translate(${left + i * groupWidth + 3},0)`}>
              {series.map((s, j) => {
                const v = s.values[i] ?? 0;
                const h = (v / max) * plot;
                return <rect key={s.name} x={barOffset + j * barWidth} y={10 + plot - h} width={barWidth - 1} height={h} fill={s.color} />;
              })}
              {i % labelEvery === 0 && (
                <text x={(groupWidth - 6) / 2} y={height - bottom + 16} textAnchor="middle" fontSize={11} fill="#334155">
                  {c}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
      <details>
        <summary className="cursor-pointer font-bold">表で見る</summary>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.categoryName ?? "項目"}</th>
              {series.map((s) => (
                <th key={s.name} scope="col" className="text-right">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={i} className="border-t border-[var(--color-line)]">
                <th scope="row" className="font-normal">
                  {props.tableLabels?.[i] ?? c}
                </th>
                {series.map((s) => (
                  <td key={s.name} className="text-right">
                    {(s.values[i] ?? 0).toLocaleString("ja-JP")}
                    {unit}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
