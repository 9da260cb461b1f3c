/**
 * The graphics' insides as markup made once (issue 17): a comparison page draws 25 graphics of
 * eight elements each and a profile five charts of about sixty, and React's server renderer spent
 * more on their elements and attributes than on the rest of the page's content. The same figures
 * always draw the same markup, so it is made once per figures and kept (bounded); the `<svg>`
 * element itself stays React's, with this markup inside. Text and attribute values are escaped as
 * React escapes them, so the page's bytes are the same as when React drew each element.
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
const limit = 5_000;

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
