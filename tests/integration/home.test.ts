import { describe, expect, it } from "vitest";
import { loader } from "~/routes/lang.home";
import { loader as rootRedirect } from "~/routes/root-redirect";
import { args, run } from "../support/request";

describe("front page loader", () => {
  it("lists the pilots from the database, the example marked as an example", () => {
    const data = loader(args("/sv", { lang: "sv" }));
    const northSavo = data.pilots.find((p) => p.slug === "north-savo-choice");
    expect(northSavo?.isExample).toBe(true);
    expect(northSavo?.area).toEqual(["Siilinjärvi", "Lapinlahti"]);
    const mikkeli = data.pilots.find((p) => p.slug === "mikkeli-region-municipal");
    // Swedish names in Swedish, and the merged municipality stays readable.
    expect(mikkeli?.area).toContain("S:t Michel");
    expect(mikkeli?.area).toContain("Pertunmaa*");
    expect(mikkeli?.status).toBe("ended");
  });

  it("names where a pilot runs today for the first screen, from the data", () => {
    const data = loader(args("/sv", { lang: "sv" }));
    expect(data.running.map((p) => p.areas)).toEqual(["Siilinjärvi och Lapinlahti", "Idensalmi och Kiuruvesi"]);
    expect(data.lockMonths).toBe(6);
  });

  it("/ redirects with 303 to the language of Accept-Language", async () => {
    const res = await run(() => rootRedirect(args("/", {}, { headers: { "Accept-Language": "sv" } })));
    expect(res).toBeInstanceOf(Response);
    expect((res).status).toBe(303);
    expect((res).headers.get("location")).toBe("/sv");
  });
});
