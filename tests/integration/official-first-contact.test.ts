import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { audit, choices, providers, results } from "../../db/schema";
import { getDb } from "~/.server/platform/db";
import { getI18n, tFor } from "~/.server/platform/i18n";
import { recordFirstContact } from "~/.server/provider-staff/staff.store";
import { ContactCheck } from "~/components/official/ContactCheck";
import type { ContactCheckRow } from "~/domain/contact-check";
import type { Lang } from "~/i18n";
import { addMonths, monthOf } from "~/domain/results";
import { addWorkingDays } from "~/domain/working-days";
import * as preview from "~/routes/lang.official.$pilot.results.$upload";
import * as resultsPage from "~/routes/lang.official.$pilot.results";
import * as statistics from "~/routes/lang.official.$pilot.statistics";
import { get, post, upload } from "../support/request";
import { as, choose, quietLogs, userOf, type Who } from "./official-support";
import { TODAY } from "../support/clock";

/**
 * Time to first contact in the officials' results (issue 7, decision 055): the preview of a
 * results file shows the file's `started` and `contacted_within_5_days` beside the figures from
 * the contacts provider staff recorded in Valinta, flags the rows that differ, and publishing
 * keeps the file's figures. The statistics page shows the recorded figures of the latest months.
 */

quietLogs();

const pilot = "north-savo-choice";
const params = { lang: "fi", pilot };
const page = `/fi/official/${pilot}/results`;
const header =
  "month,pilot,provider_business_id,provider_name,started,employed_open_3m,employed_open_6m,in_education,in_subsidised_work,contacted_within_5_days,satisfaction_responses,satisfaction_mean";
const TYOPOLKU = "2345671-3"; // Kaisa is its staff
const SAVON = "3456782-2"; // Olli is its staff
const JOBBSTIGEN = "4567893-1";
// Two months back: over, final (every 5 working days past), and served by the example providers.
const month = addMonths(monthOf(TODAY), -2);
const recordedAt = new Date(`${addMonths(month, 1)}-25T09:00:00Z`);

type Preview = {
  contacts: { differing: number; months: { month: string; label: string; rows: ContactCheckRow[] }[] };
};

function provider(businessId: string) {
  return getDb().select({ id: providers.id, slug: providers.slug, businessId: providers.businessId }).from(providers).where(eq(providers.businessId, businessId)).get()!;
}

/** A jobseeker chooses a provider on a day of the month, and the provider's staff record the first contact some working days later. */
function chosenAndContacted(jobseeker: Who, businessId: string, day: string, staff: Who, workingDays: number) {
  const p = provider(businessId);
  const chosenOn = `${month}-${day}`;
  const { user } = choose(jobseeker, p, new Date(`${chosenOn}T09:00:00Z`));
  const choice = getDb().select({ id: choices.id, chosenOn: choices.chosenOn }).from(choices).where(and(eq(choices.personId, user.id), eq(choices.status, "current"))).get()!;
  expect(choice.chosenOn).toBe(chosenOn);
  const recorded = recordFirstContact(userOf(staff), p, choice.id, addWorkingDays(chosenOn, workingDays), recordedAt);
  expect(recorded, `${businessId} ${chosenOn}`).toMatchObject({ ok: true });
}

/** Three customers in the month: Työpolku reached one of its two in time, Savon its one. */
function arrangeContacts() {
  const kaisa = as("kaisa");
  const olli = as("olli");
  chosenAndContacted(as("aino"), TYOPOLKU, "07", kaisa, 2); // in time
  chosenAndContacted(as("pekka"), TYOPOLKU, "10", kaisa, 8); // late
  chosenAndContacted(as("amina"), SAVON, "15", olli, 5); // the 5th working day: in time
}

async function stage(sari: Who, lines: string[]) {
  const answer = await upload(resultsPage.action, page, params, sari, new TextEncoder().encode([header, ...lines].join("\n")));
  expect(answer.status, JSON.stringify(answer.data)).toBe(303);
  const id = answer.location!.split("/").pop()!;
  return { id, path: `${page}/${id}`, params: { ...params, upload: id } };
}

function render(lang: Lang, contacts: Preview["contacts"]): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: getI18n(lang) }, createElement(ContactCheck, contacts)));
}

/** The markup with its entities as the reader sees them (the tags kept, to tell the rows apart). */
function text(html: string): string {
  return html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

describe("the results preview beside the contacts recorded in Valinta", () => {
  it("shows the file's and the recorded figures, flags the differing row, and publishing keeps the file's figure", async () => {
    arrangeContacts();
    const sari = as("sari");
    const staged = await stage(sari, [
      `${month},${pilot},,Julkinen työvoimapalvelu,40,,,,,30,12,3.9`,
      `${month},${pilot},${TYOPOLKU},Työpolku Oy,2,,,,,2,2,4.4`, // the file says 2 contacted in time; Valinta's records give 1
      `${month},${pilot},${SAVON},Savon Uravalmennus,1,,,,,1,1,4.1`, // the same as the records
    ]);

    const shown = await get(preview.loader, staged.path, staged.params, sari);
    expect(shown.status).toBe(200);
    const { contacts } = shown.data!.preview as Preview;
    expect(contacts.differing).toBe(1);
    expect(contacts.months).toHaveLength(1);
    const [publicRow, tyopolku, savon] = contacts.months[0].rows;
    expect(publicRow).toMatchObject({ businessId: null, recorded: null, differs: [] });
    expect(tyopolku).toMatchObject({ businessId: TYOPOLKU, file: { started: 2, contacted: 2 }, recorded: { started: 2, contacted: 1, open: 0 }, differs: ["contacted"] });
    expect(savon).toMatchObject({ businessId: SAVON, file: { started: 1, contacted: 1 }, recorded: { started: 1, contacted: 1 }, differs: [] });

    // What the official reads, in every language: the difference said in words on the flagged row only.
    for (const lang of ["fi", "sv", "en"] as const) {
      const t = tFor(lang);
      const inLang = await get(preview.loader, staged.path.replace("/fi/", `/${lang}/`), { ...staged.params, lang }, sari);
      const html = text(render(lang, (inLang.data!.preview as Preview).contacts));
      expect(html).toContain(t("official:preview.contacts.differing", { count: 1 }));
      const rows = html.split("<tr").slice(2); // the heading row and what precedes it left out
      expect(rows).toHaveLength(3);
      const note = t("official:preview.contacts.note.contacted", { file: 2, recorded: 1 });
      expect(rows[1]).toContain('class="row--differs"');
      expect(rows[1]).toContain(t("official:preview.contacts.differs"));
      expect(rows[1]).toContain(note);
      expect(rows[2]).not.toContain("row--differs");
      expect(rows[2]).toContain(t("official:preview.contacts.same"));
      expect(rows[0]).toContain(t("official:preview.contacts.note.publicService"));
    }
    expect(tFor("en")("official:preview.contacts.note.contacted", { file: 2, recorded: 1 })).toBe(
      "Contacted within 5 working days: the file says 2, the contacts recorded in Valinta give 1.",
    );

    // Publishing keeps the file's figures (decision 055): Työpolku's published contacted figure is 2.
    const published = await post(preview.action, staged.path, staged.params, sari, { intent: "publish" });
    expect(published.location).toBe(`${page}?published=${month}`);
    const stored = getDb()
      .select({ providerId: results.providerId, started: results.started, contacted: results.contactedWithin5Days })
      .from(results)
      .where(and(eq(results.pilotSlug, pilot), eq(results.month, month)))
      .all();
    expect(stored.find((r) => r.providerId === provider(TYOPOLKU).id)).toEqual({ providerId: provider(TYOPOLKU).id, started: 2, contacted: 2 });
    expect(stored.find((r) => r.providerId === provider(SAVON).id)).toMatchObject({ started: 1, contacted: 1 });
    expect(getDb().select().from(audit).where(eq(audit.subject, `${pilot}:${month}`)).all()).toHaveLength(1);
  });

  it("flags a provider the file leaves out and one nobody chose in Valinta; a file that agrees is said to agree", async () => {
    arrangeContacts();
    const sari = as("sari");
    // Savon is left out; Jobbstigen is in the file, but nobody chose it in Valinta.
    const staged = await stage(sari, [`${month},${pilot},${TYOPOLKU},Työpolku Oy,2,,,,,1,2,4.4`, `${month},${pilot},${JOBBSTIGEN},Jobbstigen Ab,3,,,,,3,0,`]);
    const { contacts } = (await get(preview.loader, staged.path, staged.params, sari)).data!.preview as Preview;
    expect(contacts.differing).toBe(2);
    const rows = contacts.months[0].rows;
    expect(rows.map((r) => r.businessId)).toEqual([TYOPOLKU, JOBBSTIGEN, SAVON]);
    expect(rows[0]).toMatchObject({ differs: [] });
    expect(rows[1]).toMatchObject({ file: { started: 3, contacted: 3 }, recorded: { started: 0, contacted: 0 }, differs: ["started", "contacted"] });
    expect(rows[2]).toMatchObject({ file: null, recorded: { started: 1, contacted: 1 }, differs: ["started", "contacted"] });
    const html = text(render("fi", contacts));
    expect(html).toContain(tFor("fi")("official:preview.contacts.note.missing", { count: 1 }));
    expect(html).toContain(tFor("fi")("official:preview.contacts.note.noRecords"));
    expect(html).toContain(tFor("fi")("official:preview.contacts.note.started", { file: 3, recorded: 0 }));

    // A file with the recorded figures: nothing to flag.
    const agreeing = await stage(sari, [`${month},${pilot},${TYOPOLKU},Työpolku Oy,2,,,,,1,2,4.4`, `${month},${pilot},${SAVON},Savon Uravalmennus,1,,,,,1,1,4.1`]);
    const agreed = (await get(preview.loader, agreeing.path, agreeing.params, sari)).data!.preview as Preview;
    expect(agreed.contacts.differing).toBe(0);
    expect(text(render("sv", agreed.contacts))).toContain(tFor("sv")("official:preview.contacts.allMatch"));
  });
});

describe("the statistics page", () => {
  it("shows the recorded figure of the latest months per provider, counts only", async () => {
    const sari = as("sari");
    const p = provider(TYOPOLKU);
    // A choice of this month, contacted today: the month is still running.
    const { user } = choose(as("aino"), p);
    const choice = getDb().select({ id: choices.id, chosenOn: choices.chosenOn }).from(choices).where(eq(choices.personId, user.id)).get()!;
    expect(recordFirstContact(userOf(as("kaisa")), p, choice.id, choice.chosenOn)).toMatchObject({ ok: true });

    const answer = await get(statistics.loader, `/fi/official/${pilot}/statistics`, params, sari);
    const contacts = answer.data!.contacts as { months: { label: string; running: boolean }[]; rows: { businessId: string; name: string; cells: ({ started: number; within: number } | null)[] }[] };
    expect(contacts.months).toHaveLength(6);
    expect(contacts.months.at(-1)!.running).toBe(true);
    expect(contacts.months[0].running).toBe(false);
    const name = getDb().select({ name: providers.name }).from(providers).where(eq(providers.id, p.id)).get()!.name;
    expect(contacts.rows).toEqual([{ businessId: TYOPOLKU, name, cells: [null, null, null, null, null, { started: 1, within: 1 }] }]);
    expect(JSON.stringify(contacts)).not.toContain("Aino");
  });
});
