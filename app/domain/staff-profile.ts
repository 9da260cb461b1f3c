import { z } from "zod";
import { normalisePhone } from "./choice";
import { officeSchema, serviceLanguages, type Accessibility, type LocalizedText, type Office, type OpeningHours } from "./providers";

/**
 * The profile form of provider staff (docs/decisions/057-profile-editing.md): what staff may
 * change in their provider's public profile, as form fields, and its one zod schema.
 *
 * Staff edit the texts (short and long description in Finnish, Swedish and English), the offices
 * (address, municipality, opening hours, physical accessibility), the languages of service and
 * the contact details. The service commitments (first meeting within N working days, meetings a
 * month, remote meetings, taking new customers) are verified by the pilot's officials and are not
 * in this form. Framework-free; error messages are translation keys of the `staff` namespace.
 */

export const textLangs = ["fi", "sv", "en"] as const;
export type TextLang = (typeof textLangs)[number];

export const SHORT_MAX = 300;
export const LONG_MAX = 4000;
export const MAX_OFFICES = 10;
export const NOTE_MAX = 300;
/** Days 1 (Monday) … 7 (Sunday). */
export const weekDays = [1, 2, 3, 4, 5, 6, 7] as const;
export const liftOptions = ["yes", "no", "none"] as const;

type Texts = Record<TextLang, string>;

/** One office as the form holds it: everything as typed. */
export type OfficeForm = {
  street: string;
  postal: string;
  municipality: string;
  /** Index 0 is Monday. "" = closed. */
  opens: string[];
  closes: string[];
  hoursNote: Texts;
  stepFree: boolean;
  /** yes / no / none (street level, no lift needed); "" when nothing was picked. */
  lift: string;
  toilet: boolean;
  loop: boolean;
  parking: boolean;
  accessNote: Texts;
  /** Ticked "remove this office". */
  remove: boolean;
};

/** The whole form as typed: what is rendered back into the fields after an error or a preview. */
export type ProfileForm = {
  short: Texts;
  long: Texts;
  phone: string;
  email: string;
  web: string;
  languages: string[];
  offices: OfficeForm[];
};

/** What publishing writes: the parts of the provider's profile that staff keep. */
export type StaffProfile = {
  shortDescription: LocalizedText;
  longDescription: LocalizedText;
  phone: string | null;
  email: string | null;
  web: string | null;
  languages: string[];
  offices: Office[];
};

// ---- field names (the form's `name` attributes; error keys use the same names) ----

export const field = {
  short: (l: TextLang) => `short_${l}`,
  long: (l: TextLang) => `long_${l}`,
  office: (i: number, part: string) => `office_${i}_${part}`,
  opens: (i: number, day: number) => `office_${i}_opens_${day}`,
  closes: (i: number, day: number) => `office_${i}_closes_${day}`,
  /** The error of one day's hours (the message sits on the day's row). */
  hours: (i: number, day: number) => `office_${i}_hours_${day}`,
  hoursNote: (i: number, l: TextLang) => `office_${i}_hoursnote_${l}`,
  accessNote: (i: number, l: TextLang) => `office_${i}_accessnote_${l}`,
} as const;

const LIMIT = 5000;
type Reader = { get(name: string): string; getAll(name: string): string[] };

/** A reader over FormData (or URLSearchParams): missing fields read as "", long values are cut. */
export function formReader(form: { get(name: string): unknown; getAll(name: string): unknown[] }): Reader {
  return {
    get: (name) => {
      const v = form.get(name);
      return typeof v === "string" ? v.slice(0, LIMIT) : "";
    },
    getAll: (name) =>
      form
        .getAll(name)
        .filter((v): v is string => typeof v === "string")
        .slice(0, 20)
        .map((v) => v.slice(0, 20)),
  };
}

const texts = (read: (l: TextLang) => string): Texts => ({ fi: read("fi"), sv: read("sv"), en: read("en") });

/**
 * Reads the form. `offices` (a hidden field) says how many office blocks the page had; `add`
 * gives one more, empty, block (the "add an office" button works without JavaScript).
 */
export function readProfileForm(r: Reader, opts: { add?: boolean } = {}): ProfileForm {
  const countText = r.get("offices");
  const rendered = /^\d{1,4}$/.test(countText) ? Math.min(Number(countText), MAX_OFFICES) : 1;
  const offices: OfficeForm[] = [];
  for (let i = 0; i < rendered; i++) {
    offices.push({
      street: r.get(field.office(i, "street")),
      postal: r.get(field.office(i, "postal")),
      municipality: r.get(field.office(i, "municipality")),
      opens: weekDays.map((d) => r.get(field.opens(i, d))),
      closes: weekDays.map((d) => r.get(field.closes(i, d))),
      hoursNote: texts((l) => r.get(field.hoursNote(i, l))),
      stepFree: r.get(field.office(i, "stepfree")) === "yes",
      lift: r.get(field.office(i, "lift")),
      toilet: r.get(field.office(i, "toilet")) === "yes",
      loop: r.get(field.office(i, "loop")) === "yes",
      parking: r.get(field.office(i, "parking")) === "yes",
      accessNote: texts((l) => r.get(field.accessNote(i, l))),
      remove: r.get(field.office(i, "remove")) === "yes",
    });
  }
  if (opts.add && offices.length < MAX_OFFICES) offices.push(emptyOffice());
  return {
    short: texts((l) => r.get(field.short(l))),
    long: texts((l) => r.get(field.long(l))),
    phone: r.get("phone"),
    email: r.get("email"),
    web: r.get("web"),
    languages: r.getAll("languages"),
    offices,
  };
}

export function emptyOffice(): OfficeForm {
  const none = { fi: "", sv: "", en: "" };
  return {
    street: "",
    postal: "",
    municipality: "",
    opens: weekDays.map(() => ""),
    closes: weekDays.map(() => ""),
    hoursNote: { ...none },
    stepFree: false,
    lift: "",
    toilet: false,
    loop: false,
    parking: false,
    accessNote: { ...none },
    remove: false,
  };
}

/** The stored profile as the form shows it. */
export function profileToForm(p: StaffProfile): ProfileForm {
  const none = { fi: "", sv: "", en: "" };
  return {
    short: { ...p.shortDescription },
    long: { ...p.longDescription },
    phone: p.phone ?? "",
    email: p.email ?? "",
    web: p.web ?? "",
    languages: [...p.languages],
    offices: p.offices.map((o) => {
      const opens = weekDays.map(() => "");
      const closes = weekDays.map(() => "");
      for (const h of o.openingHours) {
        for (const d of h.days) {
          opens[d - 1] = timeForForm(h.opens);
          closes[d - 1] = timeForForm(h.closes);
        }
      }
      return {
        street: o.streetAddress,
        postal: o.postalCode,
        municipality: o.municipalityCode,
        opens,
        closes,
        hoursNote: o.openingHoursNote ? { ...o.openingHoursNote } : { ...none },
        stepFree: o.accessibility.stepFreeEntrance,
        lift: o.accessibility.lift === null ? "none" : o.accessibility.lift ? "yes" : "no",
        toilet: o.accessibility.accessibleToilet,
        loop: o.accessibility.inductionLoop,
        parking: o.accessibility.accessibleParking,
        accessNote: o.accessibility.note ? { ...o.accessibility.note } : { ...none },
        remove: false,
      };
    }),
  };
}

// ---- normalising what was typed ----

/** "8", "8.30", "8:30", "08:30" → "08:30"; anything else → null. */
/** A stored time (08:30) as the form's hint asks it to be written (8.30), so that the two agree. */
export function timeForForm(stored: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(stored);
  return m ? `${Number(m[1])}.${m[2]}` : stored;
}

export function parseTime(input: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(input.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/**
 * A phone number for the public profile: valid as a phone number (the same rule as a jobseeker's
 * number), written as typed with spaces ("+358 50 123 4567"; a leading 0 becomes +358).
 */
export function profilePhone(input: string): string | null {
  const normalised = normalisePhone(input);
  if (!normalised) return null;
  let s = input.trim().replace(/[-.()/]/g, " ").replace(/\s+/g, " ").trim();
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  else if (s.startsWith("0")) s = `+358 ${s.slice(1)}`;
  s = s.replace(/\s+/g, " ").trim();
  return /^\+?[\d ]{6,20}$/.test(s) && s.replace(/ /g, "") === normalised ? s : normalised;
}

/** A web address: https only. "www.example.fi" is read as https://www.example.fi. */
export function profileWeb(input: string): { ok: true; url: string } | { ok: false; problem: "invalid" | "notHttps" } {
  let s = input.trim();
  if (/^http:\/\//i.test(s)) return { ok: false, problem: "notHttps" };
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) s = `https://${s}`;
  if (!/^https:\/\//i.test(s)) return { ok: false, problem: "notHttps" };
  if (s.length > 200 || /\s/.test(s)) return { ok: false, problem: "invalid" };
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return { ok: false, problem: "invalid" };
  }
  if (url.protocol !== "https:" || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) || url.username || url.password) {
    return { ok: false, problem: "invalid" };
  }
  return { ok: true, url: s.replace(/^https:\/\//i, "https://") };
}

const emailFormat = z.email();

/** Opening hours from the seven days of the form, neighbouring days with the same hours together. */
function hoursOf(opens: string[], closes: string[]): OpeningHours {
  const out: OpeningHours = [];
  for (const day of weekDays) {
    const o = parseTime(opens[day - 1]);
    const c = parseTime(closes[day - 1]);
    if (!o || !c) continue;
    const same = out.find((h) => h.opens === o && h.closes === c);
    if (same) same.days.push(day);
    else out.push({ days: [day], opens: o, closes: c });
  }
  return out;
}

function optionalTexts(t: Texts): LocalizedText | null {
  const fi = t.fi.trim();
  const sv = t.sv.trim();
  const en = t.en.trim();
  return fi || sv || en ? { fi, sv, en } : null;
}

/**
 * The profile form's schema. `municipalities`: the codes an office may be in (current
 * municipalities). Every problem is reported at once, each on its field.
 */
export function profileFormSchema(municipalities: ReadonlySet<string>) {
  return z.custom<ProfileForm>().transform((v, ctx): StaffProfile => {
    let problems = 0;
    const issue = (path: string, message: string) => {
      problems++;
      ctx.addIssue({ code: "custom", path: [path], message });
    };

    for (const l of textLangs) {
      const s = v.short[l].trim();
      if (s === "") issue(field.short(l), `errors.shortRequired.${l}`);
      else if (s.length > SHORT_MAX) issue(field.short(l), "errors.shortTooLong");
      const g = v.long[l].trim();
      if (g === "") issue(field.long(l), `errors.longRequired.${l}`);
      else if (g.length > LONG_MAX) issue(field.long(l), "errors.longTooLong");
    }

    const phoneText = v.phone.trim();
    const emailText = v.email.trim();
    const webText = v.web.trim();
    const phone = phoneText === "" ? null : phoneText.length > 40 ? null : profilePhone(phoneText);
    if (phoneText !== "" && !phone) issue("phone", "errors.phoneInvalid");
    const emailOk = emailText === "" || (emailText.length <= 254 && emailFormat.safeParse(emailText).success);
    if (!emailOk) issue("email", "errors.emailInvalid");
    if (phoneText === "" && emailText === "") issue("phone", "errors.contactRequired");
    let web: string | null = null;
    if (webText !== "") {
      const w = profileWeb(webText);
      if (w.ok) web = w.url;
      else issue("web", w.problem === "notHttps" ? "errors.webNotHttps" : "errors.webInvalid");
    }

    const known = new Set<string>(serviceLanguages);
    const languages = [...new Set(v.languages)].filter((l) => known.has(l));
    if (languages.length === 0 || languages.length !== new Set(v.languages).size) issue("languages", "errors.languagesRequired");

    const offices: Office[] = [];
    const kept = v.offices.map((o, i) => ({ o, i })).filter(({ o }) => !o.remove);
    if (kept.length === 0) issue("offices", "errors.officeRequired");
    for (const { o, i } of kept) {
      const street = o.street.trim();
      if (street === "") issue(field.office(i, "street"), "errors.streetRequired");
      else if (street.length > 120) issue(field.office(i, "street"), "errors.streetTooLong");
      const postal = o.postal.trim();
      if (!/^\d{5}$/.test(postal)) issue(field.office(i, "postal"), postal === "" ? "errors.postalRequired" : "errors.postalInvalid");
      if (!municipalities.has(o.municipality)) issue(field.office(i, "municipality"), "errors.municipalityRequired");
      for (const day of weekDays) {
        const openText = o.opens[day - 1].trim();
        const closeText = o.closes[day - 1].trim();
        if (openText === "" && closeText === "") continue;
        if (openText === "" || closeText === "") {
          issue(field.hours(i, day), "errors.hoursIncomplete");
          continue;
        }
        const opens = parseTime(openText);
        const closes = parseTime(closeText);
        if (!opens || !closes) issue(field.hours(i, day), "errors.hoursInvalid");
        else if (opens >= closes) issue(field.hours(i, day), "errors.hoursOrder");
      }
      const hoursNote = optionalTexts(o.hoursNote);
      const accessNote = optionalTexts(o.accessNote);
      for (const [note, name] of [
        [hoursNote, field.hoursNote],
        [accessNote, field.accessNote],
      ] as const) {
        if (!note) continue;
        for (const l of textLangs) {
          if (note[l] === "") issue(name(i, l), `errors.noteAllLanguages.${l}`);
          else if (note[l].length > NOTE_MAX) issue(name(i, l), "errors.noteTooLong");
        }
      }
      if (!(liftOptions as readonly string[]).includes(o.lift)) issue(field.office(i, "lift"), "errors.liftRequired");
      const accessibility: Accessibility = {
        stepFreeEntrance: o.stepFree,
        lift: o.lift === "none" ? null : o.lift === "yes",
        accessibleToilet: o.toilet,
        inductionLoop: o.loop,
        accessibleParking: o.parking,
        note: accessNote,
      };
      offices.push({
        streetAddress: street,
        postalCode: postal,
        municipalityCode: o.municipality,
        openingHours: hoursOf(o.opens, o.closes),
        openingHoursNote: hoursNote,
        accessibility,
      });
    }

    const profile: StaffProfile = {
      shortDescription: texts((l) => v.short[l].trim()),
      longDescription: texts((l) => v.long[l].trim()),
      phone,
      email: emailText === "" ? null : emailText.toLowerCase(),
      web,
      languages: serviceLanguages.filter((l) => languages.includes(l)),
      offices,
    };
    // The stored shape is the providers area's: a profile that passes here passes there.
    if (problems === 0) for (const o of offices) if (!officeSchema.safeParse(o).success) issue("offices", "errors.officeRequired");
    return profile;
  });
}

export type ProfilePart = "shortDescription" | "longDescription" | "phone" | "email" | "web" | "languages" | "offices";

/** Which parts of the profile a publication changes (shown in the preview, kept in the audit row). */
export function changedParts(before: StaffProfile, after: StaffProfile): ProfilePart[] {
  const parts: ProfilePart[] = ["shortDescription", "longDescription", "phone", "email", "web", "languages", "offices"];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return parts.filter((p) => {
    if (p === "languages") return !same([...before.languages].sort(), [...after.languages].sort());
    return !same(before[p], after[p]);
  });
}

/**
 * The form as name/value pairs, the inverse of readProfileForm: the preview carries what was typed
 * in hidden fields, so that "Publish" and "Back to editing" need nothing stored on the server.
 */
export function formEntries(v: ProfileForm): [string, string][] {
  const out: [string, string][] = [];
  for (const l of textLangs) out.push([field.short(l), v.short[l]]);
  for (const l of textLangs) out.push([field.long(l), v.long[l]]);
  out.push(["phone", v.phone], ["email", v.email], ["web", v.web]);
  for (const l of v.languages) out.push(["languages", l]);
  out.push(["offices", String(v.offices.length)]);
  v.offices.forEach((o, i) => {
    out.push([field.office(i, "street"), o.street], [field.office(i, "postal"), o.postal], [field.office(i, "municipality"), o.municipality]);
    for (const d of weekDays) out.push([field.opens(i, d), o.opens[d - 1]], [field.closes(i, d), o.closes[d - 1]]);
    for (const l of textLangs) out.push([field.hoursNote(i, l), o.hoursNote[l]]);
    for (const l of textLangs) out.push([field.accessNote(i, l), o.accessNote[l]]);
    out.push([field.office(i, "lift"), o.lift]);
    for (const [part, on] of [
      ["stepfree", o.stepFree],
      ["toilet", o.toilet],
      ["loop", o.loop],
      ["parking", o.parking],
      ["remove", o.remove],
    ] as const) {
      if (on) out.push([field.office(i, part), "yes"]);
    }
  });
  return out;
}
