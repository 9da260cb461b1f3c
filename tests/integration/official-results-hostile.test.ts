import { count } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { resultUploads } from "../../db/schema";
import { getDb } from "~/.server/platform/db";
import { getI18n, tFor } from "~/.server/platform/i18n";
import { ProblemReport } from "~/components/official/ProblemReport";
import { displayFileName, maxReportedProblems, maxUploadBytes, maxUploadColumns, maxUploadRows, type CsvRefusal } from "~/domain/csv-results";
import * as preview from "~/routes/lang.official.$pilot.results.$upload";
import * as resultsPage from "~/routes/lang.official.$pilot.results";
import { get, upload, type Answer } from "../support/request";
import { as, quietLogs, type Who } from "./official-support";

/**
 * Issue 12, part 1 and 9: files of any content up to the size limit, and any file name, get a
 * small answer (decision 052, addendum). Each of the large files below is checked in well under a
 * second on an idle machine; the timeouts are for a busy test machine, not a measure.
 */
quietLogs();

const pilot = "north-savo-choice";
const params = { lang: "fi", pilot };
const page = `/fi/official/${pilot}/results`;
const header =
  "month,pilot,provider_business_id,provider_name,started,employed_open_3m,employed_open_6m,in_education,in_subsidised_work,contacted_within_5_days,satisfaction_responses,satisfaction_mean";
const validFile = new TextEncoder().encode(`${header}\n2025-03,${pilot},,Julkinen työvoimapalvelu,40,8,13,3,2,30,12,3.9\n`);
const invalidFile = new TextEncoder().encode(`${header}\n2025-13,${pilot},,Julkinen työvoimapalvelu,40,8,13,3,2,30,12,3.9\n`);
const SLOW = { timeout: 60_000 };

/** The same bytes every run: a linear congruential generator's high bytes. */
function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** The refused file's report as the page renders it, in every language. */
function rendered(answer: Answer): string {
  const data = answer.data as { fileName: string | null; report: CsvRefusal };
  return (["fi", "sv", "en"] as const)
    .map((lang) => renderToStaticMarkup(createElement(I18nextProvider, { i18n: getI18n(lang) }, createElement(ProblemReport, { fileName: data.fileName, report: data.report }))))
    .join("\n");
}

const staged = () => getDb().select({ n: count() }).from(resultUploads).get()!.n;

/**
 * The page of a refused file is the fixed page plus the report and the action's data (serialised
 * into the page for the browser): both stay small however large and broken the file.
 */
function expectSmallRefusal(answer: Answer) {
  expect(answer.status).toBe(400);
  const report = (answer.data as { report: CsvRefusal }).report;
  expect(report.problems.length).toBeGreaterThan(0);
  expect(report.problems.length).toBeLessThanOrEqual(maxReportedProblems);
  const html = rendered(answer);
  expect(JSON.stringify(answer.data).length).toBeLessThan(30_000);
  expect(html.length / 3).toBeLessThan(70_000);
  return { report, html };
}

describe("a results file of any content up to 2 MB gets a small answer", () => {
  const header400k = ",".repeat(400_000);
  it.each([
    ["a heading row of 400,000 commas", () => new TextEncoder().encode(header400k), "too-many-columns"],
    ["a heading row of 100,000 commas", () => new TextEncoder().encode(",".repeat(100_000)), "too-many-columns"],
    ["a heading row and 200,000 short rows", () => new TextEncoder().encode(`${header}\n${"x\n".repeat(200_000)}`), "too-many-rows"],
    ["200,000 short rows without a heading", () => new TextEncoder().encode("x\n".repeat(200_000)), "header-unknown"],
    ["2 MB of random bytes", () => randomBytes(maxUploadBytes, 20261204), "encoding"],
    ["2 MB of random printable characters", () => randomBytes(maxUploadBytes, 7).map((b) => 32 + (b % 95)), null],
    ["a heading row and one row of 2,000,000 commas", () => new TextEncoder().encode(`${header}\n${",".repeat(maxUploadBytes - header.length - 1)}`), "no-rows"],
  ])("%s: 400 with a short report, nothing kept", SLOW, async (_name, file, code) => {
    const sari = as("sari");
    const bytes = file();
    expect(bytes.length).toBeLessThanOrEqual(maxUploadBytes);
    const answer = await upload(resultsPage.action, page, params, sari, bytes);
    const { report } = expectSmallRefusal(answer);
    if (code) expect(report.problems.map((p) => p.code)).toContain(code);
    expect(staged()).toBe(0);
  });

  it("19,000 rows with several problems each: the same problems grouped, at most 50 listed, the rest counted", SLOW, async () => {
    const sari = as("sari");
    // Each row a different wrong month (not grouped) and the same wrong count (grouped).
    const rows = Array.from({ length: 19_000 }, (_, i) => `bad-${i},${pilot},,Julkinen työvoimapalvelu,abc,,,,,,0,`);
    const answer = await upload(resultsPage.action, page, params, sari, new TextEncoder().encode([header, ...rows].join("\n")));
    const { report, html } = expectSmallRefusal(answer);
    expect(report.problemCount).toBe(38_000);
    expect(report.problemRows).toBe(19_000);
    expect(report.problems[1]).toEqual({ row: 2, column: "started", code: "count-format", value: "abc", count: 19_000, lastRow: 19_001 });
    expect(report.omitted).toEqual({ "month-format": 19_000 - (maxReportedProblems - 1) });
    // The grouped line and the sentence for the ones not listed, in the official's language.
    const t = tFor("fi");
    expect(html).toContain(t("official:results.report.sameProblem", { count: 19_000 }));
    expect(html).toContain("2–19001");
    expect(html).toContain(t("official:results.report.moreSameKind", { count: 19_000 - (maxReportedProblems - 1), row: 2 }));
    expect(tFor("en")("official:results.report.moreSameKind", { count: 3, row: 2 })).toBe("And 3 more problems of the same kind as on row 2.");
  });

  it("the upload page states the limits of a file", () => {
    for (const lang of ["fi", "sv", "en"] as const) {
      const hint = tFor(lang)("official:results.upload.fileHint", { rows: maxUploadRows, columns: maxUploadColumns });
      expect(hint).toMatch(/2 M[Bt]/);
      expect(hint.replace(/\s|,/g, "")).toContain(String(maxUploadRows));
      expect(hint).toContain(String(maxUploadColumns));
    }
  });
});

/** A multipart body written by hand, as a client other than a browser may send it. */
function multipart(who: Who, disposition: string, file: Uint8Array, options: { boundary?: string; extraHeaders?: string } = {}): Request {
  const boundary = options.boundary ?? "----valinta-test-7MA4YWxkTrZu0gW";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${who.csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/csv\r\n${options.extraHeaders ?? ""}\r\n`),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Request(`http://localhost${page}`, {
    method: "POST",
    headers: { cookie: who.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
  });
}

async function send(request: Request): Promise<Answer> {
  const context = {};
  try {
    const out = (await resultsPage.action({ request, params, context })) as unknown as { type: string; data: Record<string, unknown>; init: { status: number } };
    return { status: out.init.status, location: null, data: out.data, context };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("location"), data: null, context };
    throw thrown;
  }
}

describe("any file name is accepted; only the content is checked", () => {
  const long = `tulokset "${"å<ö>".repeat(70)}" lopullinen.csv`; // 300 characters
  it.each([
    ["a quote and angle brackets, as a browser sends them", 'form-data; name="file"; filename="a%22b<c>.csv"', 'a"b<c>.csv'],
    ["a quote escaped with a backslash, as curl sends it", 'form-data; name="file"; filename="a\\"b<c>.csv"', 'a"b<c>.csv'],
    ["a quote not escaped at all", 'form-data; name="file"; filename="a"b<c>.csv"', 'a"b<c>.csv'],
    ["a semicolon and an equals sign", 'form-data; name="file"; filename="tulos;kesä=2025.csv"', "tulos;kesä=2025.csv"],
    ["the name in RFC 5987 form", "form-data; name=\"file\"; filename*=UTF-8''%C3%A4%22%3C%3E.csv", 'ä"<>.csv'],
    ["a path, as old browsers sent it", 'form-data; name="file"; filename="C:\\\\Users\\\\sari\\\\tulos.csv"', "tulos.csv"],
    ["300 characters with quotes, angle brackets and non-ASCII", `form-data; name="file"; filename="${long.replaceAll('"', "%22")}"`, displayFileName(long)],
    ["a line break and a right-to-left override", 'form-data; name="file"; filename="a%0Ab\u202Ec.csv"', "a%0Ab c.csv"],
  ])("%s", async (_name, disposition, shown) => {
    expect(shown.length).toBeLessThanOrEqual(80);
    const sari = as("sari");
    // A valid file is kept for the preview under its name…
    const accepted = await send(multipart(sari, disposition, validFile));
    expect(accepted.status, JSON.stringify(accepted.data)).toBe(303);
    const id = accepted.location!.split("/").pop()!;
    const view = await get(preview.loader, `${page}/${id}`, { ...params, upload: id }, sari);
    expect((view.data!.preview as { fileName: string }).fileName).toBe(shown);
    // …and a refused one is named, escaped, in the report.
    const refused = await send(multipart(sari, disposition, invalidFile));
    expect(refused.status).toBe(400);
    expect(refused.data!.fileName).toBe(shown);
    const html = rendered(refused);
    expect(html).not.toContain("<c>");
    expect(html).not.toContain("<ö>");
    if (shown.includes("<")) expect(html).toContain(shown.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;"));
  });

  it("a long name is shortened in the middle, keeping its end", () => {
    const name = displayFileName(`${"x".repeat(300)}.csv`);
    expect([...name]).toHaveLength(80);
    expect(name).toMatch(/^x+…x+\.csv$/);
    expect(displayFileName("  \u0000\n ")).toBe("results.csv");
  });

  it("bytes of a name that are not UTF-8 do not stop the upload", async () => {
    const sari = as("sari");
    const request = multipart(sari, 'form-data; name="file"; filename="tulos.csv"', validFile);
    const bytes = Buffer.from(await request.arrayBuffer());
    const at = bytes.indexOf("tulos.csv");
    bytes[at + 1] = 0xe4; // "tälos.csv" in Latin-1
    const latin = new Request(request.url, { method: "POST", headers: request.headers, body: bytes });
    const answer = await send(latin);
    expect(answer.status).toBe(303);
  });
});

describe("the posted body is limited while it streams", () => {
  it("a body larger than the limit is stopped after the limit, not read to its end", SLOW, async () => {
    const sari = as("sari");
    const boundary = "xyz";
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`));
      },
      pull(controller) {
        if (sent >= 50 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://localhost${page}`, {
      method: "POST",
      headers: { cookie: sari.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: "half",
    });
    const answer = await send(request);
    expect(answer.status).toBe(400);
    expect((answer.data!.report as CsvRefusal).problems[0].code).toBe("too-large");
    expect(sent).toBeLessThan(maxUploadBytes + 1024 * 1024);
  });

  it("a Content-Length over the limit is refused without reading the body", async () => {
    const sari = as("sari");
    let pulled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull() {
        pulled = true;
      },
    });
    const request = new Request(`http://localhost${page}`, {
      method: "POST",
      headers: { cookie: sari.cookie, "content-type": "multipart/form-data; boundary=xyz", "content-length": String(100 * 1024 * 1024) },
      body: stream,
      duplex: "half",
    });
    const answer = await send(request);
    expect((answer.data!.report as CsvRefusal).problems[0].code).toBe("too-large");
    expect(pulled).toBe(false);
  });

  it.each([
    ["no boundary", "multipart/form-data", "--x\r\n\r\n--x--"],
    ["no closing boundary", "multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nmonth'],
    ["no Content-Disposition", "multipart/form-data; boundary=x", "--x\r\nContent-Type: text/csv\r\n\r\nmonth\r\n--x--"],
    ["nothing but the boundary", "multipart/form-data; boundary=x", "--x"],
    ["JSON", "application/json", '{"file":"x"}'],
  ])("a broken body (%s) is a 400 that says the file did not arrive", async (_name, type, body) => {
    const sari = as("sari");
    const answer = await send(new Request(`http://localhost${page}`, { method: "POST", headers: { cookie: sari.cookie, "content-type": type }, body }));
    expect(answer.status).toBe(400);
    expect((answer.data!.report as CsvRefusal).problems[0].code).toBe("not-a-form");
  });
});
