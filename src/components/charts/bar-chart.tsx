import { scaleBand, scaleLinear } from "d3-scale";

/**
 * A horizontal bar chart drawn on the server as SVG: no client JavaScript, so it works without it and
 * adds nothing to the page's JavaScript budget (bench/page-js.ts).
 *
 * Why d3-scale and not a React chart library: the chart needs only the arithmetic of its axes (a
 * share to a length, a row to a band), which d3-scale is — small, pure functions with no DOM, run
 * on the server during rendering and never shipped to the browser. The React chart libraries draw
 * with hooks and measure the DOM (client components, a bundle of their own) for what is here a
 * few <rect> and <text> elements the page can size, colour and name itself.
 *
 * Each row takes two lines: its label, then its bar on a grey track with the figure after it. The
 * viewBox is 260 units wide, about the width a card leaves at 320 px, so the text is its written
 * size there; the chart scales with its box (width 100%, at most 20rem: larger, its text would
 * outgrow the page's). Colours are fill attributes (the palette's slate and blue), not CSS,
 * so they print as they show.
 */

export interface BarRow {
  label: string;
  /** The bar's length as a share of the whole track, 0 to 1 (clamped). */
  share: number;
  /** The figure after the bar ("3 of 5 · 60%"). */
  text: string;
  /** Words drawn instead of the bar and its figure (a method the policy turned off). */
  note?: string;
}

export const CHART_WIDTH = 260;
const ROW_HEIGHT = 44;
const LABEL_Y = 14;
const BAR_Y = 21;
const BAR_HEIGHT = 14;
/** Room after the track for the figure. */
const FIGURE_WIDTH = 116;
/** How long a label may be, in half-width characters (a CJK character counts two): a row's line at 13 px. */
const LABEL_MAX = 36;

const COLOURS = {
  bar: "#1d4ed8", // blue-700
  track: "#e2e8f0", // slate-200
  label: "#0f172a", // slate-900
  figure: "#334155", // slate-700
  note: "#475569", // slate-600
};

/** The label as drawn: cut with "…" when longer than its line (the table beside the chart has it whole). */
export function fitLabel(label: string): string {
  const chars = [...label];
  const widths = chars.map((ch) => (/[\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1));
  if (widths.reduce((a, w) => a + w, 0) <= LABEL_MAX) return label;
  let width = 1; // the ellipsis
  let n = 0;
  while (width + widths[n] <= LABEL_MAX) width += widths[n++];
  return `${chars.slice(0, n).join("")}…`;
}

export function BarChart({ id, title, rows }: { id: string; title: string; rows: readonly BarRow[] }) {
  const titleId = `${id}-title`;
  const height = Math.max(rows.length, 1) * ROW_HEIGHT;
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, height]);
  const track = CHART_WIDTH - FIGURE_WIDTH;
  const length = scaleLinear().domain([0, 1]).range([0, track]).clamp(true);
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      className="block h-auto max-w-xs"
      data-chart={id}
    >
      <title id={titleId}>{title}</title>
      {rows.map((r, i) => {
        const top = y(i) ?? 0;
        const share = Number.isFinite(r.share) ? r.share : 0;
        return (
          <g key={i} transform={`translate(0 ${top})`} data-row={i}>
            <text x={0} y={LABEL_Y} fontSize={13} fill={COLOURS.label}>
              {fitLabel(r.label)}
            </text>
            {r.note ? (
              <text x={0} y={BAR_Y + BAR_HEIGHT - 3} fontSize={12} fontStyle="italic" fill={COLOURS.note} data-note>
                {r.note}
              </text>
            ) : (
              <>
                <rect x={0} y={BAR_Y} width={track} height={BAR_HEIGHT} rx={2} fill={COLOURS.track} data-track />
                <rect x={0} y={BAR_Y} width={length(share)} height={BAR_HEIGHT} rx={2} fill={COLOURS.bar} data-bar />
                <text x={track + 6} y={BAR_Y + BAR_HEIGHT - 3} fontSize={12} fill={COLOURS.figure}>
                  {r.text}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
