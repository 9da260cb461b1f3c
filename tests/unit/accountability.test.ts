import { describe, expect, it } from "vitest";
import { deliverySchema, handleSchema, meetingDate, publishedDelivery, reportSchema, type DeliveryMonth } from "~/domain/accountability";

/** The rules of accountability's forms and published counts (issue 16; decision 071). */

describe("the day of a meeting", () => {
  const c = { chosenOn: "2026-11-02", today: "2026-12-04", movedOn: null };
  it("takes an ISO date or a Finnish one, inside the customer's time with the provider", () => {
    expect(meetingDate("2026-11-20", c)).toEqual({ ok: true, date: "2026-11-20" });
    expect(meetingDate("20.11.2026", c)).toEqual({ ok: true, date: "2026-11-20" });
    expect(meetingDate("2026-11-02", c)).toEqual({ ok: true, date: "2026-11-02" });
    expect(meetingDate("2026-12-04", c)).toEqual({ ok: true, date: "2026-12-04" });
  });
  it("refuses what is not a day, before the choice, in the future, or from the day the customer moved on", () => {
    expect(meetingDate("  ", c)).toEqual({ ok: false, problem: "required" });
    expect(meetingDate("31.11.2026", c)).toEqual({ ok: false, problem: "invalid" });
    expect(meetingDate("x".repeat(5000), c)).toEqual({ ok: false, problem: "invalid" });
    expect(meetingDate("2026-11-01", c)).toEqual({ ok: false, problem: "beforeChoice" });
    expect(meetingDate("2026-12-05", c)).toEqual({ ok: false, problem: "inFuture" });
    expect(meetingDate("2026-11-20", { ...c, movedOn: "2026-11-20" })).toEqual({ ok: false, problem: "afterMovedOn" });
  });
});

describe("the forms", () => {
  it("a report needs a category; the description is optional, at most 2,000 characters, no control characters", () => {
    expect(reportSchema([]).safeParse({ category: "gift" }).success).toBe(true);
    expect(reportSchema(["a"]).safeParse({ category: "gift", description: " x\r\ny " }).data).toEqual({ category: "gift", description: "x\ny", pilot: "" });
    expect(reportSchema([]).safeParse({ category: "bribe" }).error?.issues[0].message).toBe("errors.category.required");
    expect(reportSchema([]).safeParse({ category: "other", description: "x".repeat(2001) }).error?.issues[0].message).toBe("errors.description.tooLong");
    expect(reportSchema([]).safeParse({ category: "other", description: "a\u0007b" }).error?.issues[0].message).toBe("errors.description.invalid");
  });
  it("a provider in several pilots needs the pilot", () => {
    expect(reportSchema(["a", "b"]).safeParse({ category: "gift" }).error?.issues[0].message).toBe("errors.pilot.required");
    expect(reportSchema(["a", "b"]).safeParse({ category: "gift", pilot: "b" }).success).toBe(true);
    expect(reportSchema(["a", "b"]).safeParse({ category: "gift", pilot: "c" }).success).toBe(false);
  });
  it("an answer about a meeting is one of three; the note at most 1,000 characters", () => {
    expect(deliverySchema.safeParse({ answer: "other_day", note: "" }).success).toBe(true);
    expect(deliverySchema.safeParse({ answer: "" }).error?.issues[0].message).toBe("errors.answer.required");
    expect(deliverySchema.safeParse({ answer: "confirmed", note: "x".repeat(1001) }).error?.issues[0].message).toBe("errors.note.tooLong");
  });
  it("an official closes a case as answered only with an answer", () => {
    expect(handleSchema.safeParse({ state: "answered", answer: " " }).error?.issues[0]).toMatchObject({ message: "errors.answer.requiredToAnswer", path: ["answer"] });
    expect(handleSchema.safeParse({ state: "not_upheld" }).success).toBe(true);
    expect(handleSchema.safeParse({ state: "closed" }).error?.issues[0].message).toBe("errors.state.required");
  });
});

describe("published delivery", () => {
  const month: DeliveryMonth = { month: "2026-11", recorded: 9, customers: 4, confirmed: 6, disputed: 1, contactsInTime: 4, contactsInTimeConfirmed: 3 };
  it("withholds confirmed and disputed below the threshold in customers, never the meetings recorded", () => {
    expect(publishedDelivery(month, 5)).toEqual({ recorded: 9, confirmed: null, disputed: null });
    expect(publishedDelivery({ ...month, customers: 5 }, 5)).toEqual({ recorded: 9, confirmed: 6, disputed: 1 });
  });
});
