/**
 * A stacked bar chart drawn as plain SVG on the server: no JavaScript, no chart library.
 *
 * Accessibility (WCAG 1.1.1, 1.4.1, 1.4.11): the SVG is one image (role="img") named by its
 * <title> and <desc>, which hold a short summary; the full figures belong in a table next to
 * the chart, so screen-reader users are not read every bar twice. Each series has its own
 * pattern as well as its own colour (solid, stripes, dots), every segment has an outline at
 * least 3:1 against white, and the value above each bar is printed as text, so nothing
 * depends on telling colours apart.
 */

export type BarPattern = "solid" | "stripes" | "dots";

export type BarSeries = {
  key: string;
  label: string;
  /** A colour with at least 3:1 contrast against white. */
  color: string;
  pattern: BarPattern;
};

export type BarGroup = {
  key: string;
  label: string;
  /** A second line under the label, e.g. the year under the first month and under January. */
  sublabel?: string;
  values: Record<string, number>;
  /** Printed above the bar, e.g. a percentage. */
  note?: string;
};

const WIDTH = 720;
const HEIGHT = 320;
const M = { top: 44, right: 12, bottom: 52, left: 52 };
const INK = "#1a1a2e";
const GRID = "#c4c9ce";
const AXIS = "#5c6670";

/** 1, 2 or 5 times a power of ten: the step between gridlines. */
function niceStep(max: number, lines: number): number {
  if (max <= 0) return 1;
  const raw = max / lines;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

function Pattern({ id, series }: { id: string; series: BarSeries }) {
  if (series.pattern === "stripes") {
    return (
      <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#fff" />
        <rect width="4" height="8" fill={series.color} />
      </pattern>
    );
  }
  if (series.pattern === "dots") {
    return (
      <pattern id={id} width="7" height="7" patternUnits="userSpaceOnUse">
        <rect width="7" height="7" fill="#fff" />
        <circle cx="3.5" cy="3.5" r="2" fill={series.color} />
      </pattern>
    );
  }
  return null;
}

const fillOf = (chartId: string, s: BarSeries) => (s.pattern === "solid" ? s.color : `url(#${chartId}-${s.key})`);

export function BarChart({
  id,
  title,
  description,
  axisLabel,
  series,
  groups,
}: {
  /** Unique on the page: prefixes the ids of the title, description and patterns. */
  id: string;
  title: string;
  description: string;
  axisLabel: string;
  series: BarSeries[];
  groups: BarGroup[];
}) {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const totals = groups.map((g) => series.reduce((sum, s) => sum + (g.values[s.key] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const step = niceStep(max, 4);
  const top = max === 0 ? 4 : Math.ceil(max / step) * step;
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const slot = plotW / Math.max(1, groups.length);
  const barW = Math.min(36, slot * 0.6);
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);

  return (
    <figure className="oma-chart">
      {/* Scrolls sideways on a narrow screen rather than shrinking the text (a chart needs its two dimensions). */}
      <div className="oma-chart__scroll" tabIndex={0} role="group" aria-labelledby={titleId}>
        <svg
          className="oma-chart__svg"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          focusable="false"
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          <defs>
            {series.map((s) => (
              <Pattern key={s.key} id={`${id}-${s.key}`} series={s} />
            ))}
          </defs>
          <text x={M.left - 8} y={16} fill={INK} fontSize="14" textAnchor="start">
            {axisLabel}
          </text>
          {ticks.map((v) => (
            <g key={v}>
              <line
                x1={M.left}
                x2={WIDTH - M.right}
                y1={y(v)}
                y2={y(v)}
                stroke={v === 0 ? AXIS : GRID}
                strokeWidth={v === 0 ? 1.5 : 1}
              />
              <text x={M.left - 8} y={y(v) + 5} fill={INK} fontSize="14" textAnchor="end">
                {v}
              </text>
            </g>
          ))}
          {groups.map((g, i) => {
            const x = M.left + i * slot + (slot - barW) / 2;
            let base = 0;
            return (
              <g key={g.key}>
                {series.map((s) => {
                  const v = g.values[s.key] ?? 0;
                  if (v <= 0) return null;
                  const y0 = y(base);
                  base += v;
                  const y1 = y(base);
                  // A white gap between segments, so each one's outline stands against white, not its neighbour.
                  const h = Math.max(1, y0 - y1 - 2);
                  return (
                    <rect
                      key={s.key}
                      x={x}
                      y={y1}
                      width={barW}
                      height={h}
                      fill={fillOf(id, s)}
                      stroke={s.color}
                      strokeWidth={1.5}
                    />
                  );
                })}
                {g.note ? (
                  <text
                    x={x + barW / 2}
                    y={y(totals[i] ?? 0) - 8}
                    fill={INK}
                    fontSize="14"
                    fontWeight="700"
                    textAnchor="middle"
                  >
                    {g.note}
                  </text>
                ) : null}
                <text x={x + barW / 2} y={HEIGHT - M.bottom + 20} fill={INK} fontSize="14" textAnchor="middle">
                  {g.label}
                </text>
                {g.sublabel ? (
                  <text x={x + barW / 2} y={HEIGHT - M.bottom + 38} fill={INK} fontSize="14" textAnchor="middle">
                    {g.sublabel}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      {/* The key repeats what the table's column headings say; for sighted readers of the chart only. */}
      <ul className="oma-chart__legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key} className="oma-chart__legend-item">
            <svg className="oma-chart__swatch" viewBox="0 0 24 24" width="24" height="24" focusable="false">
              <rect x="1" y="1" width="22" height="22" fill={fillOf(id, s)} stroke={s.color} strokeWidth={1.5} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
