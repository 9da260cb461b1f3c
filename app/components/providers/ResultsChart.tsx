import { useKeptMarkup } from "~/kept-bytes";
import { element, escapeMarkup, keptMarkup } from "./svgMarkup";
import type { MonthView } from "../../view-models/providers";

/**
 * One measure month by month: a dot for each month's share on a 0–100 % scale, joined where
 * neighbouring months both have a figure. Months with too few customers, or whose follow-up is
 * not over, have no dot. Server-rendered SVG; the data table beside it is its text alternative. The
 * elements inside are markup made once per chart (./svgMarkup.ts); their colours and strokes are in
 * app/styles.css (`svg.chart`), not repeated on each element.
 */
const left = 40;
const right = 296;
const top = 8;
const bottom = 128;

export function ResultsChart({
  id,
  title,
  description,
  months,
  values,
  reference,
  axisLabels,
}: {
  id: string;
  title: string;
  description: string;
  months: MonthView[];
  /** Each month's share (0–1), or null when there is no figure. */
  values: (number | null)[];
  /** The public service's share for the period: a dashed line. */
  reference?: number;
  /** "0 %", "50 %", "100 %" in the reader's language. */
  axisLabels: [string, string, string];
}) {
  const kept = useKeptMarkup();
  const step = months.length > 1 ? (right - left) / (months.length - 1) : 0;
  const px = (i: number) => (months.length > 1 ? left + i * step : (left + right) / 2).toFixed(1);
  const py = (v: number) => (bottom - v * (bottom - top)).toFixed(1);
  // Lines only between neighbouring months that both have a figure.
  const segments: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 1) segments.push(run.join(" "));
      run = [];
    } else run.push(`${px(i)},${py(v)}`);
  });
  if (run.length > 1) segments.push(run.join(" "));
  // Labels counted back from the latest month, so that the latest always has one.
  const tickEvery = Math.max(1, Math.ceil(months.length / 6));
  const key = [id, title, description, reference, ...axisLabels, ...months.map((m) => m.label), ...values].join("\u0000");
  const inner = keptMarkup(`chart\u0000${key}`, () =>
    [
      element("title", { id: `${id}-title` }, escapeMarkup(title)),
      element("desc", { id: `${id}-desc` }, escapeMarkup(description)),
      ...[0, 0.5, 1].map((v, i) =>
        element(
          "g",
          {},
          element("line", { class: "grid", x1: left, y1: py(v), x2: right, y2: py(v) }) +
            element("text", { class: "y", x: left - 4, y: Number(py(v)) + 4 }, escapeMarkup(axisLabels[i])),
        ),
      ),
      reference !== undefined
        ? element("line", { class: "ref", x1: left, y1: py(reference), x2: right, y2: py(reference) })
        : "",
      ...segments.map((points) => element("polyline", { points })),
      ...values.map((v, i) => (v === null ? "" : element("circle", { cx: px(i), cy: py(v), r: "3" }))),
      ...months.map((m, i) => ((months.length - 1 - i) % tickEvery === 0 ? element("text", { x: px(i), y: "146" }, escapeMarkup(m.label)) : "")),
    ].join(""),
  );
  return (
    <svg
      className="chart"
      viewBox="0 0 320 152"
      width="320"
      height="152"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
      dangerouslySetInnerHTML={{ __html: kept(inner) }}
    />
  );
}
