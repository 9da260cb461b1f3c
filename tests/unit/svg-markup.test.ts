import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { element, escapeMarkup, keptMarkup } from "~/components/providers/svgMarkup";

// Markup made once and placed with dangerouslySetInnerHTML (decision 076) must be what React would
// have written: any text, however hostile, escaped the same way, in text and in attributes.
describe("markup made once is React's markup", () => {
  it("escapes any text and attribute value exactly as React does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 40 }), (text, title) => {
        const ours = element("span", { title, "data-x": undefined }, escapeMarkup(text));
        const react = renderToStaticMarkup(createElement("span", { title, "data-x": undefined }, text));
        expect(ours).toBe(react);
      }),
      { numRuns: 500 },
    );
  });

  it("never lets a provider's name open an element", () => {
    const name = `<script>alert("x")</script>&'`;
    const markup = element("text", { "aria-label": name }, escapeMarkup(name));
    expect(markup).not.toContain("<script");
    expect(markup).toBe(`<text aria-label="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#x27;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#x27;</text>`);
  });

  it("makes a piece once per key", () => {
    let made = 0;
    const make = () => `<b>${++made}</b>`;
    expect(keptMarkup("svg-markup-test", make)).toBe("<b>1</b>");
    expect(keptMarkup("svg-markup-test", make)).toBe("<b>1</b>");
    expect(made).toBe(1);
  });
});
