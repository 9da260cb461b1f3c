import { describe, expect, it } from "vitest";
import { SlidingLimit } from "~/.server/platform/rate-limit";

/** The sliding-window counter of the rate limits (decision 066), on a clock the test moves. */
describe("a sliding-window limit", () => {
  const clock = { t: 1_000_000 };
  const limit = () => new SlidingLimit("test", 10, 60_000, () => clock.t);

  it("lets the limit through in a window and refuses the next, with how long to wait", async () => {
    clock.t = 1_000_000;
    const l = limit();
    for (let i = 0; i < 10; i++) expect(await l.take("k")).toBe(0);
    const wait = await l.take("k");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(120_000);
    // Another key has its own count.
    expect(await l.take("other")).toBe(0);
  });

  it("does not allow a second budget just after a window's edge, as fixed windows would", async () => {
    clock.t = 1_000_000;
    const l = limit();
    clock.t += 59_000; // the end of the first window
    for (let i = 0; i < 10; i++) expect(await l.take("k")).toBe(0);
    clock.t += 2_000; // just into the next window: the previous ten still weigh almost fully
    expect(await l.take("k")).toBeGreaterThan(0);
    // Half a window later, half of them have slid out: about five more may go.
    clock.t += 29_000;
    let allowed = 0;
    for (let i = 0; i < 10; i++) if ((await l.take("k")) === 0) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(3);
    expect(allowed).toBeLessThanOrEqual(5);
    // Two windows later everything has slid out.
    clock.t += 120_000;
    expect(await l.take("k")).toBe(0);
  });
});
