import { Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderToBuffer, withoutViewPadding } from "~/.server/platform/render-html";

/** Many short Finnish texts: some ä or ö is bound to meet the end of one of React's 2,048-byte views. */
const page = () =>
  createElement(
    "div",
    null,
    Array.from({ length: 400 }, (_, i) => createElement("p", { key: i }, `Kemijärvi ${i} ${"ä".repeat(i % 7)}`)),
  );

function rawStream(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
      final(cb) {
        resolve(Buffer.concat(chunks));
        cb();
      },
    });
    const { pipe } = renderToPipeableStream(page(), { onAllReady: () => pipe(sink), onShellError: reject });
  });
}

describe("a page rendered to one buffer", () => {
  it("React 18's stream itself leaves NUL bytes where a Finnish letter meets a view's end (the bug this works around)", async () => {
    expect((await rawStream()).includes(0)).toBe(true);
  });

  it("holds no NUL byte and reads exactly as the same page rendered to a string", async () => {
    const html = await renderToBuffer(page(), { timeoutMs: 5000 });
    expect(html.includes(0)).toBe(false);
    expect(html.toString("utf8").replace(/<!-- -->/g, "")).toBe(renderToStaticMarkup(page()));
  });

  it("drops only the zero padding at the end of a full view", () => {
    const full = new Uint8Array(2048).fill(65);
    full.set([0, 0], 2046);
    expect(withoutViewPadding(full).byteLength).toBe(2046);
    const short = new Uint8Array([65, 0]);
    expect(withoutViewPadding(short)).toBe(short);
    expect(withoutViewPadding(new Uint8Array(2048).fill(65)).byteLength).toBe(2048);
  });
});
