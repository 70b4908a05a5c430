/**
 * What the bounded scan (`boundedXmlScan.ts`) tells the reader of a document, and how a reader
 * matches a name without copying it.
 */

/** What the scan tells the reader of the document. */
export interface XmlScanVisitor {
  /**
   * An element starts (`depth` 1 is the document element). `namespace` is null for an element in
   * no namespace; its local name is `text.slice(localStart, localEnd)` (see {@link localNameIs}:
   * most elements are passed over without the name ever being copied). Return true to go on, or
   * the reason the scan should stop (undecided).
   */
  start(namespace: string | null, text: string, localStart: number, localEnd: number, depth: number): true | string;
  /** The element at `depth` ends. */
  end(depth: number): void;
  /** Whether the text now being read is wanted (text inside an element being captured). */
  readonly wantsText: boolean;
  /** Text (references resolved) inside the current element, while {@link wantsText}. */
  text(value: string): void;
}

/** Whether the name from `start` to `end` in `text` is `name`, without copying it. */
export function localNameIs(text: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && text.startsWith(name, start);
}
