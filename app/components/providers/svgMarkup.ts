/**
 * Parts of the provider pages as markup made once (issue 17): a comparison page draws 25 cards with
 * a graphic of eight elements each and a profile five charts of about sixty and a table of 240
 * cells, and React's server renderer spent more on those elements and attributes than on the rest
 * of the page. The same figures always draw the same markup, so it is made once and kept (2,000
 * pieces of a few KB at most), inside an element that stays React's (dangerouslySetInnerHTML).
 * Text and attribute values are escaped as React escapes them, so the page's bytes are the same as
 * when React drew each element; links stay React's, so that they navigate as before.
 */
const replacements: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeMarkup(value: string | number): string {
  const s = String(value);
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => replacements[c]) : s;
}

/** `<tag a="1" b="2">inner</tag>`; attributes left undefined are left out, as React leaves them. */
export function element(tag: string, attributes: Record<string, string | number | undefined>, inner = ""): string {
  let out = `<${tag}`;
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== undefined) out += ` ${name}="${escapeMarkup(value)}"`;
  }
  return `${out}>${inner}</${tag}>`;
}

const made = new Map<string, string>();
const limit = 2_000;

/** The markup for a key, made once (the key names everything the markup depends on). */
export function keptMarkup(key: string, make: () => string): string {
  let markup = made.get(key);
  if (markup === undefined) {
    markup = make();
    if (made.size >= limit) made.clear();
    made.set(key, markup);
  }
  return markup;
}
