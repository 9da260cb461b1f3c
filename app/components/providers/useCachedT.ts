import { useTranslation } from "react-i18next";

/**
 * `t` of a namespace, remembering what it returned. A comparison page asks for the same texts
 * (labels, "takes new customers", the same figures page after page) hundreds of times, and
 * i18next's lookup and interpolation were the largest single cost of rendering it
 * (docs/decisions/024-comparison-speed.md). Translations do not change while the app runs, so a
 * text for a language, key and values is always the same; the memory is bounded.
 */
const memory = new Map<string, string>();
const limit = 20_000;

type Values = Record<string, string | number>;

export function useCachedT(ns: string) {
  const { t, i18n } = useTranslation(ns);
  const lang = i18n.language;
  return (key: string, values?: Values): string => {
    const id = values ? `${lang}\u0000${ns}\u0000${key}\u0000${JSON.stringify(values)}` : `${lang}\u0000${ns}\u0000${key}`;
    let text = memory.get(id);
    if (text === undefined) {
      text = values ? t(key, values) : t(key);
      if (memory.size >= limit) memory.clear();
      memory.set(id, text);
    }
    return text;
  };
}
