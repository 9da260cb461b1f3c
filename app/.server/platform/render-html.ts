import type { EntryContext } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { KeptBytes } from "~/kept-bytes";

/**
 * What Remix's `<Scripts>` reads the page's data from while it renders (single fetch): the loader
 * data encoded by turbo-stream, as a stream, and a cache of the pieces it has read so far.
 * `StreamTransfer` (@remix-run/react) writes one `<script>` per piece and suspends until the next
 * piece is read; a cached piece that has its `result` it writes at once.
 */
export type HandoffContext = Pick<EntryContext, "serverHandoffStream"> & {
  renderMeta?: { didRenderScripts?: boolean; streamCache?: Record<number, Promise<void> & { result?: { done: boolean; value: string } }> };
};

/**
 * Reads the page's encoded data whole before the render and hands it to `<Scripts>` as pieces
 * already read: the whole data as one piece, then the end (docs/decisions/081-pages-rendered-to-a-string.md).
 * The stream is released, not cancelled, so that `<RemixServer>` can still take its reader (which then
 * has nothing left to read). Valinta's loaders return their data whole (no deferred data), so the
 * encoding ends as soon as it is read.
 */
export async function readHandoff(context: HandoffContext): Promise<void> {
  const stream = context.serverHandoffStream;
  if (!stream || !context.renderMeta) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let value = "";
  for (;;) {
    const piece = await reader.read();
    if (piece.done) break;
    value += decoder.decode(piece.value, { stream: true });
  }
  value += decoder.decode();
  reader.releaseLock();
  const read = (result: { done: boolean; value: string }) => Object.assign(Promise.resolve(), { result });
  context.renderMeta.streamCache = { 0: read({ done: false, value }), 1: read({ done: true, value: "" }) };
}

/**
 * Renders the whole page at once, to a string, and returns its bytes
 * (docs/decisions/061-one-buffer-per-page.md, 081-pages-rendered-to-a-string.md). Nothing on a page
 * waits for anything once its data is read (`readHandoff` first). A part that did wait (deferred
 * data, a lazy component) would be written as its fallback for the browser to fill in; React marks
 * such a part `<!--$!-->`, and a page with one is refused here rather than sent without that part.
 */
export function renderToBuffer(node: ReactNode, kept?: PageKeptBytes): Buffer<ArrayBuffer> {
  const html = renderToString(node);
  if (html.includes(LEFT_TO_THE_BROWSER)) throw new Error("a part of the page waited for something: it cannot be rendered to a string (docs/decisions/081)");
  // React's streaming renderer writes the doctype before a root `<html>`; its string renderer does not.
  const page = html.startsWith("<html") ? `<!DOCTYPE html>${html}` : html;
  if (!kept || kept.pieces.length === 0) return Buffer.from(page);
  // The marks replaced by their pieces' bytes (decision 083): split at each mark, the index between.
  const parts = page.split(MARK);
  const bytes: Buffer[] = [];
  for (let i = 0; i < parts.length; i++) bytes.push(i % 2 === 0 ? Buffer.from(parts[i]) : bytesOf(kept.pieces[Number(parts[i])]));
  return Buffer.concat(bytes);
}

/**
 * Kept markup's bytes, encoded once per piece (decision 083): the pieces are the same strings request
 * after request while the data is unchanged (a card's body, a figure, a profile's chart and table).
 * Bounded: emptied when the pieces pass 8 MB.
 */
const encoded = new Map<string, Buffer>();
let encodedBytes = 0;
const maxEncodedBytes = 8 * 1024 * 1024;
function bytesOf(piece: string): Buffer {
  let b = encoded.get(piece);
  if (!b) {
    b = Buffer.from(piece);
    if (encodedBytes + b.byteLength > maxEncodedBytes) {
      encoded.clear();
      encodedBytes = 0;
    }
    encoded.set(piece, b);
    encodedBytes += b.byteLength;
  }
  return b;
}

/** A mark no page writes otherwise: an HTML comment with this process's own random word. */
const MARK_WORD = `kept-${randomUUID()}-`;
const MARK = new RegExp(`<!--${MARK_WORD}(\\d+)-->`);
type PageKeptBytes = KeptBytes & { pieces: string[] };

/** The kept markup of one page's render (decision 083): `mark` gives the mark to write for a piece. */
export function keptBytes(): PageKeptBytes {
  const pieces: string[] = [];
  return {
    pieces,
    mark(markup: string) {
      return `<!--${MARK_WORD}${pieces.push(markup) - 1}-->`;
    },
  };
}

/** React's mark of a Suspense boundary it could not fill on the server. */
const LEFT_TO_THE_BROWSER = "<!--$!-->";
