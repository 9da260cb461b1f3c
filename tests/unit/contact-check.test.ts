import { describe, expect, it } from "vitest";
import { compareContactFigures, type FileContactFigures, type RecordedContactFigures } from "~/domain/contact-check";

const file = (businessId: string | null, started: number, contacted: number | null): FileContactFigures => ({ businessId, name: businessId ?? "public", started, contacted });
const recorded = (businessId: string, started: number, within: number, open = 0): RecordedContactFigures => ({ businessId, name: businessId, started, within, open });

describe("compareContactFigures: the results file beside the contacts recorded in Valinta", () => {
  it.each([
    ["the same figures", [file("A", 4, 3)], [recorded("A", 4, 3)], [[]]],
    ["contacted differs", [file("A", 4, 3)], [recorded("A", 4, 2)], [["contacted"]]],
    ["started differs", [file("A", 5, 3)], [recorded("A", 4, 3)], [["started"]]],
    ["both differ", [file("A", 12, 12)], [recorded("A", 4, 3)], [["started", "contacted"]]],
    ["nothing recorded, the file has customers", [file("A", 3, 2)], [], [["started", "contacted"]]],
    ["nothing recorded, the file has none either", [file("A", 0, 0)], [], [[]]],
    ["the file leaves the contacted figure empty, nothing contacted", [file("A", 2, null)], [recorded("A", 2, 0, 2)], [[]]],
    ["the file leaves the contacted figure empty, some contacted", [file("A", 2, null)], [recorded("A", 2, 1)], [["contacted"]]],
    ["the public service is not compared", [file(null, 40, 30)], [recorded("A", 0, 0)], [[]]],
    ["a provider the file leaves out", [file(null, 40, 30)], [recorded("B", 2, 1)], [[], ["started", "contacted"]]],
    ["a provider the file leaves out, nobody contacted", [], [recorded("B", 2, 0)], [["started"]]],
  ] as const)("%s", (_name, f, r, differs) => {
    expect(compareContactFigures(f, r).map((row) => row.differs)).toEqual(differs);
  });

  it("keeps the file's order, puts left-out providers last, and keeps both figures of each row", () => {
    const rows = compareContactFigures([file("B", 1, 1), file(null, 9, 8), file("A", 2, 2)], [recorded("A", 2, 1, 1), recorded("C", 3, 3), recorded("B", 1, 1)]);
    expect(rows.map((r) => r.businessId)).toEqual(["B", null, "A", "C"]);
    expect(rows[2]).toEqual({ businessId: "A", name: "A", file: { started: 2, contacted: 2 }, recorded: { started: 2, contacted: 1, open: 1 }, differs: ["contacted"] });
    expect(rows[1].recorded).toBeNull();
    expect(rows[3].file).toBeNull();
  });
});
