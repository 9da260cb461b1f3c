import { describe, expect, it } from "vitest";
import { shareSentence } from "~/.server/providers/figure-sentence";
import { withoutVerdict } from "~/components/providers/FigureList";
import { shareFigure } from "~/domain/statistics";
import { tFor } from "~/.server/platform/i18n";
import type { Lang } from "~/i18n";

/**
 * Where a figure's verdict stands as a tag (the comparison's cards, a profile), the sentence under
 * it says the rest: the verdict is read once, not twice. The sentence is made on the server and cut
 * in the component, so the cut is proven here against the sentence made without the verdict.
 */
describe("a figure's sentence without its verdict", () => {
  const langs: Lang[] = ["fi", "sv", "en"];
  const verdicts = ["better", "similar", "worse"] as const;
  const figure = shareFigure(72, 236, 5);
  const publicService = shareFigure(80, 566, 5);
  const adjusted = { estimate: 0.34, lower: 0.23, upper: 0.5 };

  for (const lang of langs) {
    it(`${lang}: is the sentence made without it, with and without the adjusted figure and its verdict`, () => {
      const t = tFor(lang);
      for (const verdict of verdicts) {
        for (const adjustedVerdict of [null, ...verdicts]) {
          const input = { measure: "employed_open_6m" as const, figure, publicService, adjusted: adjustedVerdict ? adjusted : null, adjustedVerdict };
          const full = shareSentence(lang, { ...input, verdict });
          const tag = t(`providers:sentence.verdict.${verdict}`);
          expect(full).toContain(tag);
          const rest = withoutVerdict(full, tag);
          expect(rest).toBe(shareSentence(lang, { ...input, verdict: null }));
          expect(rest).not.toContain(tag);
        }
      }
    });
  }

  it("leaves a sentence without that verdict as it is", () => {
    expect(withoutVerdict("Noin 4 asiakasta kymmenestä.", "Selvästi parempi kuin julkinen palvelu.")).toBe("Noin 4 asiakasta kymmenestä.");
  });
});
