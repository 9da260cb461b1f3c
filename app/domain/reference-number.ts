/**
 * Receipt reference numbers: short, read aloud on the phone without confusion, with a check
 * character so that a typo is caught. Eight characters from Crockford's base-32 alphabet (no I, L,
 * O, U), shown as two groups of four: `7K3M-9QX4`. The last character is a Luhn mod 32 check
 * character, which catches every single wrong character and every swap of two neighbours but
 * one: like every Luhn mod N code it misses the swap of 0 and the alphabet's last character (Z).
 * New references are therefore drawn without 0 and Z side by side, so that for every reference the
 * service gives out, every swap of neighbours is caught too.
 * Reading is forgiving: case, spaces and hyphens do not matter, O is read as 0 and I or L as 1.
 */
export const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N = alphabet.length;

function checkCharacter(body: string): string {
  // Luhn mod N: double every second code point from the right, starting with the rightmost.
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const code = alphabet.indexOf(body[i]);
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return alphabet[(N - (sum % N)) % N];
}

/** A new reference from 7 random characters (35 bits) and its check character. */
export function createReference(randomBytes: (n: number) => Uint8Array): string {
  let raw = "";
  // A source that keeps giving the same bytes (a test's) is taken as it is after a few draws.
  for (let attempt = 0; attempt < 8; attempt++) {
    const body = Array.from(randomBytes(7), (b) => alphabet[b % N]).join("");
    raw = body + checkCharacter(body);
    if (!hasBlindPair(raw)) break;
  }
  return format(raw);
}

/** 0 and Z side by side: the one neighbour swap a Luhn mod 32 check character cannot see. */
export function hasBlindPair(raw: string): boolean {
  return /0Z|Z0/.test(raw.replace("-", ""));
}

function format(raw: string) {
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** Normalises what a person typed; null when it is not a valid reference. */
export function parseReference(input: string): string | null {
  const raw = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(raw)) return null;
  const body = raw.slice(0, 7);
  return checkCharacter(body) === raw[7] ? format(raw) : null;
}
