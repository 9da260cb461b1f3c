import { describe, expect, it } from "vitest";
import {
  changedParts,
  emptyOffice,
  formEntries,
  formReader,
  parseTime,
  profileFormSchema,
  profilePhone,
  profileToForm,
  profileWeb,
  readProfileForm,
  type ProfileForm,
  type StaffProfile,
} from "~/domain/staff-profile";

const municipalities = new Set(["749", "402", "297"]);

const stored: StaffProfile = {
  shortDescription: { fi: "Lyhyt.", sv: "Kort.", en: "Short." },
  longDescription: { fi: "Pitkä kuvaus.", sv: "Lång beskrivning.", en: "Long description." },
  phone: "+358 50 000 1001",
  email: "asiakkaat@tyopolku.example",
  web: "https://tyopolku.example",
  languages: ["fi", "en"],
  offices: [
    {
      streetAddress: "Kuopiontie 7",
      postalCode: "71800",
      municipalityCode: "749",
      openingHours: [
        { days: [1, 2, 3, 4], opens: "08:30", closes: "16:00" },
        { days: [5], opens: "08:30", closes: "14:00" },
      ],
      openingHoursNote: null,
      accessibility: { stepFreeEntrance: true, lift: null, accessibleToilet: true, inductionLoop: false, accessibleParking: true, note: null },
    },
  ],
};

function parse(values: ProfileForm) {
  return profileFormSchema(municipalities).safeParse(values);
}
function errors(values: ProfileForm): Record<string, string> {
  const r = parse(values);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
}
function edit(change: (v: ProfileForm) => void): ProfileForm {
  const v = profileToForm(stored);
  change(v);
  return v;
}

describe("the profile form", () => {
  it("shows the stored profile, and publishing it unchanged gives the same profile and changes nothing", () => {
    // Times are shown as the hint asks them to be written (8.30), not as stored (08:30).
    expect(profileToForm(stored).offices[0].opens.slice(0, 5)).toEqual(["8.30", "8.30", "8.30", "8.30", "8.30"]);
    expect(profileToForm(stored).offices[0].closes[0]).toBe("16.00");
    const r = parse(profileToForm(stored));
    expect(r.success && r.data).toEqual(stored);
    expect(changedParts(stored, r.success ? r.data : stored)).toEqual([]);
  });

  it("goes through the preview's hidden fields and back without losing anything (including what was typed wrong)", () => {
    const v = edit((f) => {
      f.short.sv = "";
      f.offices[0].closes[6] = "16";
      f.offices[0].accessNote.fi = "Ovikello";
      f.offices.push({ ...emptyOffice(), street: "Uusi katu 1", remove: true, loop: true });
    });
    const params = new URLSearchParams(formEntries(v));
    expect(readProfileForm(formReader(params))).toEqual(v);
  });

  it("adds an empty office when asked, up to ten", () => {
    const params = new URLSearchParams(formEntries(profileToForm(stored)));
    expect(readProfileForm(formReader(params), { add: true }).offices).toHaveLength(2);
    params.set("offices", "10");
    expect(readProfileForm(formReader(params), { add: true }).offices).toHaveLength(10);
    params.set("offices", "9999");
    expect(readProfileForm(formReader(params)).offices).toHaveLength(10);
    params.set("offices", "x");
    expect(readProfileForm(formReader(params)).offices).toHaveLength(1);
  });

  it("needs the short and long descriptions in all three languages", () => {
    expect(errors(edit((f) => ((f.short.sv = " "), (f.long.en = ""))))).toEqual({
      short_sv: "errors.shortRequired.sv",
      long_en: "errors.longRequired.en",
    });
    expect(errors(edit((f) => (f.short.fi = "x".repeat(301))))).toEqual({ short_fi: "errors.shortTooLong" });
  });

  it.each([
    ["phone", "12", "errors.phoneInvalid"],
    ["phone", "+358 50 000 1001 ext 3", "errors.phoneInvalid"],
    ["email", "asiakkaat@", "errors.emailInvalid"],
    ["email", "a b@example.fi", "errors.emailInvalid"],
    ["web", "http://tyopolku.fi", "errors.webNotHttps"],
    ["web", "ftp://tyopolku.fi", "errors.webNotHttps"],
    ["web", "javascript:alert(1)", "errors.webNotHttps"],
    ["web", "https://", "errors.webInvalid"],
    ["web", "https://tyopolku", "errors.webInvalid"],
    ["web", "https://user:pw@tyopolku.fi", "errors.webInvalid"],
  ] as const)("%s %j gives %s", (name, value, key) => {
    expect(errors(edit((f) => (f[name] = value)))).toEqual({ [name]: key });
  });

  it("needs a phone number or an email address", () => {
    expect(errors(edit((f) => ((f.phone = ""), (f.email = ""))))).toEqual({ phone: "errors.contactRequired" });
    expect(parse(edit((f) => (f.phone = ""))).success).toBe(true);
    expect(parse(edit((f) => (f.email = ""))).success).toBe(true);
  });

  it("writes the contact details the way the public page shows them", () => {
    const r = parse(edit((f) => ((f.phone = "050-123 4567"), (f.email = " Asiakkaat@Tyopolku.FI "), (f.web = "www.tyopolku.fi/palvelut"))));
    expect(r.success && [r.data.phone, r.data.email, r.data.web]).toEqual(["+358 50 123 4567", "asiakkaat@tyopolku.fi", "https://www.tyopolku.fi/palvelut"]);
    const none = parse(edit((f) => (f.web = "")));
    expect(none.success && none.data.web).toBeNull();
  });

  it("needs at least one known language of service", () => {
    expect(errors(edit((f) => (f.languages = [])))).toEqual({ languages: "errors.languagesRequired" });
    expect(errors(edit((f) => (f.languages = ["fi", "xx"])))).toEqual({ languages: "errors.languagesRequired" });
    const r = parse(edit((f) => (f.languages = ["ru", "fi", "fi"])));
    expect(r.success && r.data.languages).toEqual(["fi", "ru"]);
  });

  it("checks each office: address, postcode, municipality, lift", () => {
    const v = edit((f) => {
      f.offices.push({ ...emptyOffice(), municipality: "999", postal: "718" });
    });
    expect(errors(v)).toEqual({
      office_1_street: "errors.streetRequired",
      office_1_postal: "errors.postalInvalid",
      office_1_municipality: "errors.municipalityRequired",
      office_1_lift: "errors.liftRequired",
    });
  });

  it("keeps at least one office; a removed office is left out", () => {
    expect(errors(edit((f) => (f.offices[0].remove = true)))).toEqual({ offices: "errors.officeRequired" });
    const r = parse(edit((f) => f.offices.push({ ...emptyOffice(), remove: true })));
    expect(r.success && r.data.offices).toHaveLength(1);
  });

  it("checks each day's hours, and groups days with the same hours", () => {
    expect(
      errors(
        edit((f) => {
          f.offices[0].opens[5] = "9";
          f.offices[0].closes[6] = "12";
          f.offices[0].opens[6] = "";
          f.offices[0].closes[0] = "8.00";
          f.offices[0].opens[2] = "25.00";
        }),
      ),
    ).toEqual({
      office_0_hours_6: "errors.hoursIncomplete",
      office_0_hours_7: "errors.hoursIncomplete",
      office_0_hours_1: "errors.hoursOrder",
      office_0_hours_3: "errors.hoursInvalid",
    });
    const r = parse(
      edit((f) => {
        f.offices[0].opens = ["8", "8.00", "08:00", "", "8", "", ""];
        f.offices[0].closes = ["16", "16.00", "16:00", "", "14.30", "", ""];
      }),
    );
    expect(r.success && r.data.offices[0].openingHours).toEqual([
      { days: [1, 2, 3], opens: "08:00", closes: "16:00" },
      { days: [5], opens: "08:00", closes: "14:30" },
    ]);
  });

  it("a note is optional, but written in all three languages when given", () => {
    expect(errors(edit((f) => (f.offices[0].hoursNote.fi = "Suljettu heinäkuussa")))).toEqual({
      office_0_hoursnote_sv: "errors.noteAllLanguages.sv",
      office_0_hoursnote_en: "errors.noteAllLanguages.en",
    });
    const r = parse(edit((f) => (f.offices[0].accessNote = { fi: "Ovikello", sv: "Dörrklocka", en: "Doorbell" })));
    expect(r.success && r.data.offices[0].accessibility.note).toEqual({ fi: "Ovikello", sv: "Dörrklocka", en: "Doorbell" });
  });

  it("tells which parts a publication changes", () => {
    const r = parse(edit((f) => ((f.short.sv = "Ny."), (f.languages = ["en", "fi"]), (f.offices[0].street = "Kuopiontie 9"))));
    expect(r.success && changedParts(stored, r.data)).toEqual(["shortDescription", "offices"]);
  });
});

describe("what was typed, normalised", () => {
  it.each([
    ["8", "08:00"],
    ["8.30", "08:30"],
    ["08:30", "08:30"],
    [" 16.00 ", "16:00"],
    ["23.59", "23:59"],
    ["24.00", null],
    ["8.60", null],
    ["8,30", null],
    ["klo 8", null],
  ])("time %j → %j", (typed, time) => {
    expect(parseTime(typed)).toBe(time);
  });

  it.each([
    ["050 123 4567", "+358 50 123 4567"],
    ["+358 50 123 4567", "+358 50 123 4567"],
    ["0501234567", "+358 501234567"],
    ["00358 50 123 4567", "+358 50 123 4567"],
    ["(09) 123 456", "+358 9 123 456"],
    ["123", null],
  ])("phone %j → %j", (typed, phone) => {
    expect(profilePhone(typed)).toBe(phone);
  });

  it("a web address is https only", () => {
    expect(profileWeb("https://www.example.fi")).toEqual({ ok: true, url: "https://www.example.fi" });
    expect(profileWeb("HTTPS://www.example.fi")).toEqual({ ok: true, url: "https://www.example.fi" });
    expect(profileWeb("example.fi")).toEqual({ ok: true, url: "https://example.fi" });
    expect(profileWeb("http://example.fi")).toEqual({ ok: false, problem: "notHttps" });
    expect(profileWeb("https://exa mple.fi")).toEqual({ ok: false, problem: "invalid" });
  });
});
