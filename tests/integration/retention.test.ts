import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audit, choiceDrafts, choiceHistory, choices, people, sessions } from "../../db/schema";
import { getDb } from "~/.server/platform/db";
import { runRetention } from "~/.server/platform/retention.store";
import { DRAFT_HOURS } from "~/domain/choice";

function person(hash: string) {
  return getDb()
    .insert(people)
    .values({ identityHash: hash, givenName: "Testi", familyName: "Henkilö", homeMunicipality: "749", identifiedWith: "fi", createdAt: "2020-01-01T00:00:00Z", updatedAt: "2020-01-01T00:00:00Z" })
    .returning()
    .get();
}

function choice(personId: number, values: Partial<typeof choices.$inferInsert>) {
  return getDb()
    .insert(choices)
    .values({
      reference: values.reference ?? "0000-0000",
      idempotencyKey: values.idempotencyKey ?? "k",
      personId,
      pilotSlug: "north-savo-choice",
      kind: "provider",
      providerId: 1,
      snapshot: { pilotName: { fi: "x", sv: "x", en: "x" }, provider: null, lockMonths: 6, contactBy: null },
      contactChannel: "phone",
      contactPhone: "0401234567",
      serviceLanguage: "fi",
      chosenAt: "2026-01-10T10:00:00Z",
      chosenOn: "2026-01-10",
      ...values,
    })
    .returning()
    .get();
}

describe("the retention job", () => {
  const now = new Date("2026-11-25T10:00:00Z");

  it("removes expired sessions and contact details past their visibility, and is idempotent", () => {
    const p = person("hash-a");
    getDb().insert(sessions).values([
      { tokenHash: "old", personId: p.id, createdAt: now.getTime() - 9 * 3_600_000, lastSeenAt: now.getTime() - 60_000, expiresAt: now.getTime() - 3_600_000 },
      { tokenHash: "idle", personId: p.id, createdAt: now.getTime() - 3_600_000, lastSeenAt: now.getTime() - 31 * 60_000, expiresAt: now.getTime() + 3_600_000 },
      { tokenHash: "live", personId: p.id, createdAt: now.getTime() - 60_000, lastSeenAt: now.getTime() - 60_000, expiresAt: now.getTime() + 3_600_000 },
    ]).run();
    const moved = choice(p.id, { reference: "AAAA-AAAA", idempotencyKey: "a", status: "ended", endedAt: "2026-05-01T00:00:00Z", contactVisibleUntil: "2026-08-01" });
    const stillVisible = choice(getDb().insert(people).values({ identityHash: "hash-b", givenName: "B", familyName: "B", homeMunicipality: "749", identifiedWith: "fi", createdAt: "x", updatedAt: "x" }).returning().get().id, {
      reference: "BBBB-BBBB",
      idempotencyKey: "b",
      status: "ended",
      endedAt: "2026-10-01T00:00:00Z",
      contactVisibleUntil: "2027-01-01",
    });

    const first = runRetention(now);
    expect(first.sessions).toBe(2);
    expect(first.contacts).toBe(1);
    expect(getDb().select().from(sessions).all().map((s) => s.tokenHash)).toEqual(["live"]);
    expect(getDb().select().from(choices).where(eq(choices.id, moved.id)).get()?.contactPhone).toBeNull();
    expect(getDb().select().from(choices).where(eq(choices.id, stillVisible.id)).get()?.contactPhone).toBe("0401234567");

    const second = runRetention(now);
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
  });

  it("removes choices two years after they ended, with their history, and audit rows after five years", () => {
    const p = person("hash-c");
    const old = choice(p.id, { reference: "CCCC-CCCC", idempotencyKey: "c", status: "ended", endedAt: "2024-11-01T00:00:00Z", contactVisibleUntil: "2025-02-01" });
    getDb().insert(choiceHistory).values({ personId: p.id, choiceId: old.id, at: "2024-11-01T00:00:00Z", event: "ended" }).run();
    getDb().insert(audit).values([
      { at: "2021-11-24T00:00:00Z", actor: "x", action: "old" },
      { at: "2022-11-26T00:00:00Z", actor: "x", action: "recent" },
    ]).run();
    const report = runRetention(now);
    expect(report.choices).toBe(1);
    expect(getDb().select().from(choiceHistory).where(eq(choiceHistory.choiceId, old.id)).all()).toEqual([]);
    expect(getDb().select({ action: audit.action }).from(audit).all().map((a) => a.action)).not.toContain("old");
    expect(getDb().select({ action: audit.action }).from(audit).all().map((a) => a.action)).toContain("recent");
    // The append-only triggers are back: nobody else can delete history or audit rows.
    expect(() => getDb().delete(audit).run()).toThrow(/append-only/);
  });

  it(`removes a draft not saved for ${DRAFT_HOURS} hours (the domain's rule) and keeps a newer one`, () => {
    const stale = person("hash-d");
    const fresh = person("hash-e");
    const draft = (personId: number, hoursAgo: number) =>
      ({ personId, pilotSlug: "north-savo-choice", kind: "public_service" as const, idempotencyKey: `d${personId}`, updatedAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString() });
    getDb().insert(choiceDrafts).values([draft(stale.id, DRAFT_HOURS + 0.5), draft(fresh.id, DRAFT_HOURS - 0.5)]).run();
    expect(runRetention(now).drafts).toBe(1);
    expect(getDb().select({ personId: choiceDrafts.personId }).from(choiceDrafts).all()).toEqual([{ personId: fresh.id }]);
  });
});
