import type { Verdict } from "~/domain/verdict";

type Figure = { measure: string; label: string; sentence: string; verdict: Verdict | null };

/**
 * The comparison's figures beside an option of the pick step: each figure's one sentence, made on
 * the server by the same function as on the comparison and the profile (app/.server/providers/figure-sentence.ts),
 * so that a figure reads the same everywhere.
 */
export function Figures({ figures }: { figures: Figure[] }) {
  if (figures.length === 0) return null;
  return (
    <ul className="pick-figures">
      {figures.map(({ measure, label, sentence }) => (
        <li key={measure}>
          <span className="pick-figures__measure">{label}:</span> {sentence}
        </li>
      ))}
    </ul>
  );
}
