import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audit, changeRequests, choiceHistory } from "../../db/schema";
import { choiceContext, requestWeightyReason } from "~/.server/choice/choices.store";
import { myChoice } from "~/.server/choice/my-page";
import { getDb } from "~/.server/platform/db";
import * as auditPage from "~/routes/lang.official.$pilot.audit";
import * as request from "~/routes/lang.official.$pilot.requests.$id";
import * as requests from "~/routes/lang.official.$pilot.requests";
import * as statistics from "~/routes/lang.official.$pilot.statistics";
import { monthShort } from "~/.server/providers/format";
import { get, post } from "../support/request";
import { as, choose, quietLogs } from "./official-support";
import { TODAY } from "../support/clock";

quietLogs();

const pilot = "north-savo-choice";
const params = { lang: "fi", pilot };
const base = `/fi/official/${pilot}`;

function asked(key: string, reason: string) {
  const who = as(key);
  const { user, reference } = choose(who, { id: 1, slug: "tyopolku" });
  const result = requestWeightyReason(user, reason);
  if (!result.ok) throw new Error("the request was not recorded");
  return { who, user, reference, id: result.id };
}

describe("weighty-reason requests", () => {
  it("the official reads the reason and approves; the person sees the decision on /my and may change provider now", async () => {
    const sari = as("sari");
    const aino = asked("aino", "Muutin Kuopioon, eikä palveluntuottajalla ole toimipistettä siellä.");
    expect(choiceContext(aino.user).rule.allowed).toBe(false);

    const listed = await get(requests.loader, `${base}/requests`, params, sari);
    expect(listed.data!.pending).toEqual([expect.objectContaining({ id: aino.id, name: "Aino Virtanen", provider: "Työpolku Oy", status: "pending" })]);
    const path = `${base}/requests/${aino.id}`;
    const p = { ...params, id: String(aino.id) };
    const read = await get(request.loader, path, p, sari);
    expect(read.data!.request).toEqual(
      expect.objectContaining({ name: "Aino Virtanen", reason: "Muutin Kuopioon, eikä palveluntuottajalla ole toimipistettä siellä.", status: "pending" }),
    );
    expect((read.data!.request as { choice: { reference: string; lockEnds: string | null } }).choice).toEqual(
      expect.objectContaining({ reference: aino.reference, lockEnds: expect.any(String) as unknown }),
    );

    const incomplete = await post(request.action, path, p, sari, { decision: "", note: "" });
    expect(incomplete.status).toBe(400);
    expect(incomplete.data!.errors).toEqual({ decision: "requests.errors.decision", note: "requests.errors.noteRequired" });

    const decided = await post(request.action, path, p, sari, { decision: "approved", note: "Muutto toiselle paikkakunnalle on painava syy." });
    expect(decided.location).toBe(`${base}/requests?decided=approved`);
    const row = getDb().select().from(changeRequests).where(eq(changeRequests.id, aino.id)).get()!;
    expect(row).toMatchObject({ status: "approved", decidedBy: sari.identityHash, decisionNote: "Muutto toiselle paikkakunnalle on painava syy." });
    expect(getDb().select().from(audit).where(eq(audit.action, "choice.weighty-reason.approved")).all()).toEqual([
      expect.objectContaining({ actor: sari.identityHash, subject: `change-request:${aino.id}`, pilotSlug: pilot }),
    ]);
    expect(getDb().select({ e: choiceHistory.event }).from(choiceHistory).all().map((h) => h.e)).toContain("weighty_reason_approved");

    // The person's own page shows the decision and its note; the lock no longer binds.
    const mine = myChoice(aino.user, "fi");
    expect(mine.requests).toEqual([expect.objectContaining({ status: "approved", decisionNote: "Muutto toiselle paikkakunnalle on painava syy." })]);
    expect(choiceContext(aino.user).rule).toEqual({ allowed: true, reason: "weighty_reason_approved" });

    // Decided once: a second decision is refused and changes nothing.
    const again = await post(request.action, path, p, sari, { decision: "rejected", note: "Ei" });
    expect(again.status).toBe(400);
    expect(again.data!.errors).toEqual({ decision: "requests.errors.alreadyDecided" });
    expect(getDb().select().from(changeRequests).where(eq(changeRequests.id, aino.id)).get()!.status).toBe("approved");
    const shown = (await get(request.loader, path, p, sari)).data!.request as { status: string; decidedBy: string };
    expect(shown).toEqual(expect.objectContaining({ status: "approved", decidedBy: "Sinä" }));
  });

  it("a rejection keeps the lock, and the person sees the note", async () => {
    const sari = as("sari");
    const pekka = asked("pekka", "Haluan vain vaihtaa.");
    const decided = await post(request.action, `${base}/requests/${pekka.id}`, { ...params, id: String(pekka.id) }, sari, {
      decision: "rejected",
      note: "Syy ei ole painava. Voit vaihtaa, kun sitoutumisaika päättyy.",
    });
    expect(decided.location).toBe(`${base}/requests?decided=rejected`);
    expect(choiceContext(pekka.user).rule.allowed).toBe(false);
    expect(myChoice(pekka.user, "sv").requests[0]).toEqual(expect.objectContaining({ status: "rejected", decisionNote: "Syy ei ole painava. Voit vaihtaa, kun sitoutumisaika päättyy." }));
    const listed = await get(requests.loader, `${base}/requests?decided=rejected`, params, sari);
    expect(listed.data!.pending).toEqual([]);
    expect(listed.data!.decided).toEqual([expect.objectContaining({ id: pekka.id, status: "rejected" })]);
    expect(listed.data!.notice).toBe("rejected");
  });
});

describe("aggregates and the audit trail", () => {
  it("statistics count choices per provider per month and switches, and name nobody", async () => {
    const sari = as("sari");
    choose(as("pekka"), { id: 2, slug: "savon-uravalmennus" });
    // Aino chooses Työpolku, asks to change early, is approved, and changes: a switch for a weighty reason.
    const aino = asked("aino", "Syy");
    await post(request.action, `${base}/requests/${aino.id}`, { ...params, id: String(aino.id) }, sari, { decision: "approved", note: "Hyväksytty" });
    choose(as("aino"), { id: 2, slug: "savon-uravalmennus" });

    const answer = await get(statistics.loader, `${base}/statistics`, params, sari);
    const stats = answer.data!.stats as {
      months: string[];
      byProvider: { name: string; counts: number[]; total: number; current: number }[];
      switches: { month: string; all: number; changed: number; weightyReason: number; providerLeft: number; requested: number; approved: number }[];
    };
    const thisMonth = monthShort(TODAY.slice(0, 7));
    expect(stats.months.at(-1)).toBe(thisMonth);
    const row = (name: string) => stats.byProvider.find((p) => p.name === name)!;
    expect(row("Työpolku Oy").total).toBe(1);
    expect(row("Työpolku Oy").current).toBe(0);
    expect(row("Savon Uravalmennus Oy")).toEqual(expect.objectContaining({ total: 2, current: 2 }));
    expect(row("Julkinen työvoimapalvelu").total).toBe(0);
    expect(stats.switches[0]).toEqual(expect.objectContaining({ month: thisMonth, all: 1, changed: 0, weightyReason: 1, providerLeft: 0, requested: 1, approved: 1 }));
    const text = JSON.stringify(answer.data);
    for (const name of ["Aino", "Virtanen", "Pekka", "Korhonen"]) expect(text).not.toContain(name);
  });

  it("the audit trail shows the pilot's changes, who made them as far as an official may know, and no jobseeker's name", async () => {
    const sari = as("sari");
    asked("aino", "Syy");
    const page = await get(auditPage.loader, `${base}/audit`, params, sari);
    const rows = page.data!.rows as { who: string; what: string; subject: string }[];
    expect(rows.map((r) => r.what)).toEqual(expect.arrayContaining(["Valinta kirjattu", "Vaihtopyyntö jätetty"]));
    expect(rows.every((r) => ["Työnhakija", "Järjestelmä", "Sinä"].includes(r.who))).toBe(true);
    expect(JSON.stringify(page.data)).not.toMatch(/Aino|Virtanen/);
    // Another pilot's official sees none of it; a page number out of range shows the last page with a notice.
    const timo = await get(auditPage.loader, "/fi/official/mikkeli-region-municipal/audit", { lang: "fi", pilot: "mikkeli-region-municipal" }, as("timo"));
    expect(JSON.stringify(timo.data)).not.toContain("Valinta kirjattu");
    const far = await get(auditPage.loader, `${base}/audit?page=999`, params, sari);
    expect(far.data!.page).toBe(far.data!.pageCount);
    expect(far.data!.pageNotice).toBe(true);
    const junk = await get(auditPage.loader, `${base}/audit?page=%3Cscript%3E`, params, sari);
    expect(junk.data!.page).toBe(1);
  });
});
