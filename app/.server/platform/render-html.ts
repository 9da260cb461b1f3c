import type { Writable } from "node:stream";
import type { ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";

/**
 * React 18's streaming renderer encodes into 2,048-byte views. When a multi-byte character (ä, ö, å,
 * an en dash) does not fit at the end of a view, it sends the whole view anyway, with the unwritten
 * bytes at its end still zero (react/react#31134; fixed in React 19, not in 18.3.1). The pages then
 * held stray NUL bytes wherever a Finnish letter met a 2 KB boundary.
 *
 * Those bytes are only ever the tail of a full view, and a page never holds a real NUL, so a full
 * view's trailing zeros (at most three: a character is at most four bytes) are dropped here.
 */
const VIEW_SIZE = 2048;

export function withoutViewPadding(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength !== VIEW_SIZE) return chunk;
  let end = chunk.byteLength;
  while (end > chunk.byteLength - 3 && chunk[end - 1] === 0) end--;
  return end === chunk.byteLength ? chunk : chunk.subarray(0, end);
}

/**
 * Renders the whole page and resolves with its bytes (docs/decisions/061-one-buffer-per-page.md):
 * the pages use no deferred data, so nothing is gained by streaming them out piece by piece.
 */
export function renderToBuffer(node: ReactNode, options: { nonce?: string; timeoutMs: number; onError?: (error: unknown) => void }): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    // What React needs of a destination (write, end, on, destroy), without a Node stream's work for each of
    // the hundred or so pieces of a page (issue 17). React hands over each view once and never
    // writes into it again, so the views are kept as they are and copied once, into the page's buffer.
    const body = {
      write(chunk: Uint8Array | string): boolean {
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : withoutViewPadding(chunk));
        return true;
      },
      end(): void {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks));
      },
      on() {
        return body;
      },
      destroy(error: unknown): void {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    };
    const { pipe, abort } = renderToPipeableStream(node, {
      nonce: options.nonce,
      onAllReady() {
        pipe(body as unknown as Writable);
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
      onError: options.onError,
    });
    const timer = setTimeout(() => {
      abort();
      reject(new Error("the page did not render in time"));
    }, options.timeoutMs);
  });
}
