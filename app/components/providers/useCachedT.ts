import { useTranslation } from "react-i18next";

/**
 * `t` of a namespace, remembering what it returned. A comparison page asks for the same texts
 * (labels, "takes new customers", the same figures page after page) hundreds of times, and
 * i18next's lookup and interpolation were the largest single cost of rendering it
 * (docs/decisions/024-comparison-speed.md). Translations do not change while the app runs, so a
 * text for a language, key and values is always the same; the memory is bounded. One memory per
 * language and namespace, so that a text's key is only its own key and values.
 */
const memory = new Map<string, Map<string, string>>();
const limit = 20_000;

type Values = Record<string, string | number>;

export function useCachedT(ns: string) {
  const { t, i18n } = useTranslation(ns);
  const scope = `${i18n.language}\u0000${ns}`;
  let texts = memory.get(scope);
  if (!texts) memory.set(scope, (texts = new Map<string, string>()));
  const known = texts;
  const cachedT = (key: string, values?: Values): string => {
    const id = values ? `${key}\u0000${JSON.stringify(values)}` : key;
    let text = known.get(id);
    if (text === undefined) {
      text = values ? t(key, values) : t(key);
      if (known.size >= limit) known.clear();
      known.set(id, text);
    }
    return text;
  };
  /** The language the texts are in. */
  return Object.assign(cachedT, { lang: i18n.language });
}
