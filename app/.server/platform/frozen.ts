/**
 * Freezes a value and everything it holds (plain objects and arrays; a Map's or a Set's entries are
 * left as they are). For values kept and shared between requests: nothing may change them, and a
 * deep-frozen value's encoding for the browser is made once (patches/turbo-stream, decision 079).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
