import { Writable } from "node:stream";
import { createElement, Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { keptBytes, readHandoff, renderToBuffer, type HandoffContext } from "~/.server/platform/render-html";
import { KeptBytesProvider, useKeptMarkup } from "~/kept-bytes";

/** A whole document of many short Finnish texts: some ä or ö is bound to meet the end of one of React's 2,048-byte views. */
const page = () =>
  createElement(
    "html",
    { lang: "fi" },
    createElement("head", null, createElement("title", null, "Kemijärvi")),
    createElement(
      "body",
      null,
      Array.from({ length: 400 }, (_, i) => createElement("p", { key: i }, `Kemijärvi ${i} ${"ä".repeat(i % 7)} – `, i)),
    ),
  );

/** The same page as React's streaming renderer writes it, byte for byte. */
function streamed(): Promise<Buffer> {
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

describe("a page rendered whole to a string (docs/decisions/081)", () => {
  it("reads as React's streaming renderer writes the page, doctype included, without the stream's stray NUL bytes", async () => {
    const stream = await streamed();
    // React 18's stream leaves NUL bytes where a multi-byte letter meets a view's end (react/react#31134).
    expect(stream.includes(0)).toBe(true);
    const html = renderToBuffer(page());
    expect(html.includes(0)).toBe(false);
    expect(html.equals(Buffer.from(stream.filter((byte) => byte !== 0)))).toBe(true);
    expect(html.toString("utf8").startsWith('<!DOCTYPE html><html lang="fi">')).toBe(true);
  });

  it("writes a fragment without a doctype", () => {
    expect(renderToBuffer(createElement("p", null, "ä")).toString("utf8")).toBe("<p>ä</p>");
  });
});

describe("the page's data read whole before the render", () => {
  function handoff(pieces: Uint8Array[]) {
    const serverHandoffStream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
    return { serverHandoffStream, renderMeta: {} as NonNullable<HandoffContext["renderMeta"]> };
  }

  it("is handed to <Scripts> as one piece already read, then the end, with a letter split between pieces kept whole", async () => {
    const bytes = new TextEncoder().encode('[{"name":"Kemijärvi"}]');
    const split = bytes.indexOf(0xc3) + 1; // between the two bytes of ä
    const context = handoff([bytes.subarray(0, split), bytes.subarray(split)]);
    await readHandoff(context);
    expect(context.renderMeta.streamCache?.[0]?.result).toEqual({ done: false, value: '[{"name":"Kemijärvi"}]' });
    expect(context.renderMeta.streamCache?.[1]?.result).toEqual({ done: true, value: "" });
    // <RemixServer> still takes the stream's reader; there is nothing left in it.
    const reader = context.serverHandoffStream.getReader();
    expect((await reader.read()).done).toBe(true);
  });

  it("leaves a context without a stream as it is", async () => {
    const context = { serverHandoffStream: undefined, renderMeta: {} };
    await readHandoff(context);
    expect(context.renderMeta).toEqual({});
  });
});

describe("a part that waits", () => {
  it("is refused, not sent as an empty fallback", () => {
    const Waits = () => {
      // What React's Suspense takes from a component that waits: the promise it waits for.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw new Promise(() => undefined);
    };
    expect(() => renderToBuffer(createElement("div", null, createElement(Suspense, { fallback: "…" }, createElement(Waits))))).toThrow(/waited/);
  });
});

describe("kept markup written as bytes encoded once (decision 083)", () => {
  const pieces = ["<p>Kemijärvi – 27\u00a0%–35\u00a0%</p>", "<svg><title>Luku 38 %</title></svg>", "<p>Ab Jobbstigen Oy</p>"];
  function Piece({ markup }: { markup: string }) {
    const kept = useKeptMarkup();
    return createElement("div", { className: "kept", dangerouslySetInnerHTML: { __html: kept(markup) } });
  }
  const document = () =>
    createElement(
      "html",
      { lang: "fi" },
      createElement(
        "body",
        null,
        createElement("h1", null, "Vertailu – ä"),
        // Text that looks like a mark is text: React escapes it, and nothing replaces it.
        createElement("p", null, "<!--kept-00000000-0000-0000-0000-000000000000-0-->"),
        [...pieces, pieces[0]].map((markup, i) => createElement(Piece, { key: i, markup })),
      ),
    );

  it("reads byte for byte as the page with the markup written in place, a piece used twice included", () => {
    const plain = renderToBuffer(document());
    const kept = keptBytes();
    const marked = renderToBuffer(createElement(KeptBytesProvider, { value: kept }, document()), kept);
    expect(kept.pieces).toHaveLength(4);
    expect(marked.equals(plain)).toBe(true);
    expect(marked.toString("utf8")).toContain("<p>&lt;!--kept-00000000-0000-0000-0000-000000000000-0--&gt;</p>");
    expect(marked.toString("utf8")).not.toMatch(/<!--kept-/);
    // The next page's render reads the same.
    const again = keptBytes();
    expect(renderToBuffer(createElement(KeptBytesProvider, { value: again }, document()), again).equals(plain)).toBe(true);
  });

  it("outside a server's render (the browser, an email) a piece is written as it is", () => {
    expect(renderToBuffer(createElement(Piece, { markup: pieces[0] })).toString("utf8")).toBe(`<div class="kept">${pieces[0]}</div>`);
  });
});
