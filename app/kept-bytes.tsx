import { createContext, useContext } from "react";

/**
 * Markup kept as bytes (docs/decisions/083-kept-markup-as-bytes.md). While the server renders a page,
 * a component can hand a piece of kept markup (the same string, request after request) to `mark`
 * and write the mark it gets instead; after the render the marks are replaced by the piece's bytes,
 * encoded once. In the browser there is no such list: the markup is written as it is.
 */
export type KeptBytes = { readonly mark: (markup: string) => string };

const KeptBytesContext = createContext<KeptBytes | null>(null);
export const KeptBytesProvider = KeptBytesContext.Provider;

/** The markup to write for a kept piece: a mark on the server while rendering a page, the piece itself elsewhere. */
export function useKeptMarkup(): (markup: string) => string {
  return useContext(KeptBytesContext)?.mark ?? asItIs;
}
const asItIs = (markup: string) => markup;
