import { element, escapeMarkup, keptMarkup } from "./svgMarkup";

/**
 * A share and its 95 % range on a fixed 0–100 % scale: the same scale for every provider and the
 * public service, so that graphics can be compared down a list. Server-rendered SVG; its text
 * alternative is the `label` (the same facts as the words beside it). The elements inside are
 * markup made once per figure (./svgMarkup.ts).
 *
 * The line is the range, the dot the share, the dashed mark the public service's share; with
 * `scale`, the 0, 50 and 100 % marks are labelled under the axis (ChartKey explains the marks).
 * Colours and strokes are in app/styles.css (`svg.interval`), not on each element: a comparison
 * page draws 34 graphics, and the same attributes on each were a tenth of its bytes.
 */
const width = 200;
const x = (share: number) => (share * width).toFixed(1);
/** The 0–100 % scale with marks at every quarter, the middle one longer: one path, few bytes. */
const axis = "M0 12H200M0 8v8M50 8v8M100 6v12M150 8v8M200 8v8";

export function IntervalGraphic({
  id,
  label,
  estimate,
  lower,
  upper,
  reference,
  scale,
}: {
  id: string;
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  reference?: number;
  /** "0 %", "50 %", "100 %" in the reader's language. */
  scale?: [string, string, string];
}) {
  const height = scale ? 36 : 24;
  const inner = intervalInner({ id, label, estimate, lower, upper, reference, scale });
  return (
    <svg
      className="interval"
      viewBox={`-18 0 240 ${height}`}
      width="240"
      height={height}
      role="img"
      aria-labelledby={id}
      focusable="false"
      dangerouslySetInnerHTML={{ __html: inner }}
    />
  );
}

type IntervalProps = Parameters<typeof IntervalGraphic>[0];

/** The whole graphic as markup, `<svg>` included, as React writes it (for ./FigureList.tsx). */
export function intervalMarkup(props: IntervalProps): string {
  const height = props.scale ? 36 : 24;
  return element(
    "svg",
    { class: "interval", viewBox: `-18 0 240 ${height}`, width: "240", height, role: "img", "aria-labelledby": props.id, focusable: "false" },
    intervalInner(props),
  );
}

function intervalInner({ id, label, estimate, lower, upper, reference, scale }: IntervalProps): string {
  return keptMarkup(`interval\u0000${id}\u0000${label}\u0000${estimate}\u0000${lower}\u0000${upper}\u0000${reference}\u0000${scale?.join("\u0000")}`, () =>
    [
      element("title", { id }, escapeMarkup(label)),
      element("path", { class: "axis", d: axis }),
      reference !== undefined ? element("line", { class: "ref", x1: x(reference), y1: "1", x2: x(reference), y2: "23" }) : "",
      element("line", { class: "range", x1: x(lower), y1: "12", x2: x(upper), y2: "12" }),
      element("circle", { cx: x(estimate), cy: "12", r: "5" }),
      ...(scale ?? []).map((text, i) => element("text", { x: i * 100, y: "33" }, escapeMarkup(text))),
    ].join(""),
  );
}

/** A mean on the 1–5 scale: a dot on a line from 1 to 5, each whole number labelled under it. */
export function MeanGraphic({ id, label, value }: { id: string; label: string; value: number }) {
  const inner = meanInner(id, label, value);
  return (
    <svg
      className="interval"
      viewBox="-18 0 240 36"
      width="240"
      height="36"
      role="img"
      aria-labelledby={id}
      focusable="false"
      dangerouslySetInnerHTML={{ __html: inner }}
    />
  );
}

/** The whole graphic as markup, `<svg>` included, as React writes it (for ./FigureList.tsx). */
export function meanMarkup(id: string, label: string, value: number): string {
  return element(
    "svg",
    { class: "interval", viewBox: "-18 0 240 36", width: "240", height: "36", role: "img", "aria-labelledby": id, focusable: "false" },
    meanInner(id, label, value),
  );
}

function meanInner(id: string, label: string, value: number): string {
  const at = (v: number) => (((v - 1) / 4) * width).toFixed(1);
  return keptMarkup(`mean\u0000${id}\u0000${label}\u0000${value}`, () =>
    [
      element("title", { id }, escapeMarkup(label)),
      element("path", { class: "axis", d: "M0 12H200M0 8v8M50 8v8M100 8v8M150 8v8M200 8v8" }),
      element("circle", { class: "dot", cx: at(value), cy: "12", r: "5" }),
      ...[1, 2, 3, 4, 5].map((v) => element("text", { x: at(v), y: "33" }, String(v))),
    ].join(""),
  );
}
