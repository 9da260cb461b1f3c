import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contactVisibleUntil } from "~/domain/choice";
import {
  contactDeadline,
  contactedInTime,
  contactedOnSchema,
  customerVisibility,
  earliestVisibleMoveOn,
  firstContactFigure,
  firstContactFigures,
  lastDayOfMonth,
  parseDateInput,
  type CustomerFacts,
} from "~/domain/first-contact";
import { addDays, addWorkingDays } from "~/domain/working-days";

describe("the 5-working-day deadline of the first contact", () => {
  // Each row: the day of the choice, the last day that is in time, and why.
  it.each([
    ["2026-11-23", "2026-11-30", "Monday → next Monday"],
    ["2026-11-27", "2026-12-04", "Friday → next Friday"],
    ["2026-11-28", "2026-12-04", "a choice on Saturday: the five days start on Monday"],
    ["2026-12-22", "2026-12-31", "Christmas Eve, Christmas Day and Boxing Day (a Saturday) are not working days"],
    ["2026-12-23", "2027-01-04", "Christmas, then New Year's Day (a Friday)"],
    ["2026-12-31", "2027-01-11", "New Year's Day, and Epiphany (6 January, a Wednesday)"],
    ["2026-04-01", "2026-04-10", "Good Friday 3.4. and Easter Monday 6.4.2026"],
    ["2027-03-24", "2027-04-02", "Good Friday 26.3. and Easter Monday 29.3.2027"],
    ["2026-06-16", "2026-06-24", "Midsummer Eve, Friday 19.6.2026"],
    ["2026-04-28", "2026-05-06", "May Day, Friday 1.5.2026"],
    ["2026-12-03", "2026-12-10", "Independence Day, Sunday 6.12.2026: no weekday lost"],
    ["2026-05-11", "2026-05-19", "Ascension Day, Thursday 14.5.2026"],
  ])("a choice on %s may be contacted until %s (%s)", (chosenOn, deadline) => {
    expect(contactDeadline(chosenOn)).toBe(deadline);
    expect(contactedInTime(chosenOn, deadline)).toBe(true);
    // The next working day after the deadline is too late (the days in between are not working days).
    expect(contactedInTime(chosenOn, addWorkingDays(deadline, 1))).toBe(false);
    expect(contactedInTime(chosenOn, addDays(addWorkingDays(deadline, 1), -1))).toBe(true);
  });

  it("a contact on the day of the choice is in time; a date before the choice never is", () => {
    expect(contactedInTime("2026-12-22", "2026-12-22")).toBe(true);
    expect(contactedInTime("2026-12-22", "2026-12-21")).toBe(false);
  });

  it("late over Christmas: a choice on 23.12. contacted on 5.1. took 6 working days", () => {
    expect(contactedInTime("2026-12-23", "2027-01-05")).toBe(false);
  });
});

describe("the month's figure (contacted_within_5_days)", () => {
  const december = [
    { chosenOn: "2026-12-22", contactedOn: "2026-12-31" }, // in time across Christmas
    { chosenOn: "2026-12-23", contactedOn: "2027-01-04" }, // in time across Christmas and New Year
    { chosenOn: "2026-12-23", contactedOn: "2027-01-05" }, // late
    { chosenOn: "2026-12-28", contactedOn: null }, // not recorded
    { chosenOn: "2026-12-31", contactedOn: null, count: 2 }, // two customers on the last day
    { chosenOn: "2026-11-30", contactedOn: "2026-12-01" }, // November: not in December's figure
  ];

  it("counts who chose in the month and who of them were contacted in time, with Finnish holidays", () => {
    expect(firstContactFigure(december, "2026-12", "2027-02-01")).toEqual({
      month: "2026-12",
      started: 6,
      within: 2,
      late: 1,
      missed: 3,
      open: 0,
      final: true,
    });
  });

  it("while deadlines are running, a customer not contacted yet is open, not missed, and the figure is not final", () => {
    // On 6.1.2027: 28.12. had until 5.1. (missed); 31.12. have until 11.1. (Epiphany is 6.1.: open).
    expect(firstContactFigure(december, "2026-12", "2027-01-05")).toMatchObject({ missed: 0, open: 3, final: false });
    expect(firstContactFigure(december, "2026-12", "2027-01-06")).toMatchObject({ started: 6, within: 2, late: 1, missed: 1, open: 2, final: false });
    // The last deadline of December's choices is 11.1.2027: the figure is final from 12.1.
    expect(firstContactFigure(december, "2026-12", "2027-01-11").final).toBe(false);
    expect(firstContactFigure(december, "2026-12", "2027-01-12")).toMatchObject({ missed: 3, open: 0, final: true });
  });

  it("a month without customers counts nothing; the months come newest first, only those with customers", () => {
    expect(firstContactFigure([], "2026-10", "2026-11-25")).toMatchObject({ started: 0, within: 0 });
    expect(firstContactFigures(december, "2026-01", "2026-12", "2027-02-01").map((f) => f.month)).toEqual(["2026-12", "2026-11"]);
    expect(firstContactFigures(december, "2026-12", "2026-12", "2027-02-01").map((f) => f.month)).toEqual(["2026-12"]);
    expect(() => firstContactFigure([], "2026-13", "2026-11-25")).toThrow();
  });

  it("never counts more contacted in time than started (the results' rule)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ chosen: fc.integer({ min: 0, max: 60 }), after: fc.option(fc.integer({ min: 0, max: 20 })) }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 120 }),
        (rows, todayOffset) => {
          const records = rows.map((r) => ({
            chosenOn: addDays("2026-11-01", r.chosen),
            contactedOn: r.after === null ? null : addDays("2026-11-01", r.chosen + r.after),
          }));
          const today = addDays("2026-11-01", todayOffset);
          for (const month of ["2026-11", "2026-12"]) {
            const f = firstContactFigure(records, month, today);
            expect(f.within + f.late + f.missed + f.open).toBe(f.started);
            expect(f.within).toBeLessThanOrEqual(f.started);
          }
        },
      ),
    );
  });

  it("lastDayOfMonth knows leap years", () => {
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
    expect(lastDayOfMonth("2026-02")).toBe("2026-02-28");
    expect(lastDayOfMonth("2026-12")).toBe("2026-12-31");
  });
});

describe("the contacted-on form", () => {
  it.each([
    ["2026-11-30", "2026-11-30"],
    ["30.11.2026", "2026-11-30"],
    ["1.2.2026", "2026-02-01"],
    [" 01.02.2026 ", "2026-02-01"],
    ["29.2.2028", "2028-02-29"],
  ])("reads %s as %s", (typed, date) => {
    expect(parseDateInput(typed)).toBe(date);
  });

  it.each(["31.2.2026", "29.2.2026", "2026-13-01", "2026-11-31", "yesterday", "30/11/2026", "30.11.26", "", "0.1.2026"])("refuses %j", (typed) => {
    expect(parseDateInput(typed)).toBeNull();
  });

  const schema = contactedOnSchema({ chosenOn: "2026-11-20", today: "2026-11-25", movedOn: null });
  const error = (typed: string, s = schema) => {
    const r = s.safeParse({ contactedOn: typed });
    return r.success ? null : r.error.issues[0].message;
  };

  it.each([
    ["", "errors.contactedOn.required"],
    ["   ", "errors.contactedOn.required"],
    ["32.11.2026", "errors.contactedOn.invalid"],
    ["x".repeat(50), "errors.contactedOn.invalid"],
    ["19.11.2026", "errors.contactedOn.beforeChoice"],
    ["2026-11-26", "errors.contactedOn.inFuture"],
  ])("%j gives %s", (typed, key) => {
    expect(error(typed)).toBe(key);
  });

  it("accepts the day of the choice and today", () => {
    expect(schema.parse({ contactedOn: "20.11.2026" }).contactedOn).toBe("2026-11-20");
    expect(schema.parse({ contactedOn: "2026-11-25" }).contactedOn).toBe("2026-11-25");
  });

  it("refuses a day after the one the customer moved on; that day itself counts", () => {
    const moved = contactedOnSchema({ chosenOn: "2026-11-02", today: "2026-11-25", movedOn: "2026-11-10" });
    expect(error("2026-11-09", moved)).toBeNull();
    expect(error("2026-11-10", moved)).toBeNull();
    expect(error("2026-11-11", moved)).toBe("errors.contactedOn.afterMovedOn");
  });

  it("a customer who chose and moved on the same day can be marked contacted that day", () => {
    const sameDay = contactedOnSchema({ chosenOn: "2026-11-10", today: "2026-11-25", movedOn: "2026-11-10" });
    expect(error("2026-11-10", sameDay)).toBeNull();
  });
});

describe("what the provider still sees of a customer (3 months after they moved on, as the privacy notice says)", () => {
  const current: CustomerFacts = { status: "current", endedOn: null, storedVisibleUntil: null, providerEndsOn: null, pilotEndsOn: null };
  const cases: [string, CustomerFacts, string, { movedOn: string | null; visibleUntil: string | null; visible: boolean }][] = [
    ["a current customer", current, "2030-01-01", { movedOn: null, visibleUntil: null, visible: true }],
    [
      "chose again on 10.1.: seen until 10.4.",
      { ...current, status: "ended", endedOn: "2026-01-10", storedVisibleUntil: "2026-04-10" },
      "2026-04-10",
      { movedOn: "2026-01-10", visibleUntil: "2026-04-10", visible: true },
    ],
    [
      "chose again on 10.1.: hidden from 11.4.",
      { ...current, status: "ended", endedOn: "2026-01-10", storedVisibleUntil: "2026-04-10" },
      "2026-04-11",
      { movedOn: "2026-01-10", visibleUntil: "2026-04-10", visible: false },
    ],
    [
      "chose again on 30.11.: 3 months ends on the last day of February",
      { ...current, status: "ended", endedOn: "2026-11-30", storedVisibleUntil: null },
      "2027-03-01",
      { movedOn: "2026-11-30", visibleUntil: "2027-02-28", visible: false },
    ],
    [
      "the provider's last day was 31.3.: moved on 1.4., seen until 1.7.",
      { ...current, providerEndsOn: "2026-03-31" },
      "2026-07-01",
      { movedOn: "2026-04-01", visibleUntil: "2026-07-01", visible: true },
    ],
    [
      "the provider left: hidden from 2.7.",
      { ...current, providerEndsOn: "2026-03-31" },
      "2026-07-02",
      { movedOn: "2026-04-01", visibleUntil: "2026-07-01", visible: false },
    ],
    [
      "the provider's end date is still ahead: a customer as before",
      { ...current, providerEndsOn: "2026-12-31" },
      "2026-12-31",
      { movedOn: null, visibleUntil: null, visible: true },
    ],
    [
      "the pilot ended on 31.12.2024",
      { ...current, pilotEndsOn: "2024-12-31" },
      "2025-04-02",
      { movedOn: "2025-01-01", visibleUntil: "2025-04-01", visible: false },
    ],
    [
      "the earliest of moving on counts: the provider left before the person chose again",
      { ...current, status: "ended", endedOn: "2026-06-01", storedVisibleUntil: "2026-09-01", providerEndsOn: "2026-03-31" },
      "2026-07-02",
      { movedOn: "2026-04-01", visibleUntil: "2026-07-01", visible: false },
    ],
    [
      "a stored retention date shorter than the rule wins",
      { ...current, status: "ended", endedOn: "2026-01-10", storedVisibleUntil: "2026-02-01" },
      "2026-02-02",
      { movedOn: "2026-01-10", visibleUntil: "2026-02-01", visible: false },
    ],
    [
      "an ended choice without a date is never shown",
      { ...current, status: "ended" },
      "2026-02-02",
      { movedOn: null, visibleUntil: null, visible: false },
    ],
  ];
  it.each(cases)("%s", (_, facts, today, expected) => {
    expect(customerVisibility(facts, today)).toEqual(expected);
  });

  it("the query's earliest day agrees with the rule for every day (month ends and leap years included)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 366 }), fc.integer({ min: 0, max: 200 }), (t, back) => {
        const today = addDays("2026-01-01", t);
        const movedOn = addDays(today, -back);
        const visible = today <= contactVisibleUntil(movedOn)!;
        expect(movedOn >= earliestVisibleMoveOn(today)).toBe(visible);
      }),
      { numRuns: 2000 },
    );
  });
});
