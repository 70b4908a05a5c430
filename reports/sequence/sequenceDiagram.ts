/**
 * A sequence diagram of a test's traffic, as SVG for the report: one lifeline per party in order
 * of appearance, one arrow per exchange (each exchange once, though both sides journal it), red
 * for errors, dashed for no answer at all.
 */
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { xmlEscape } from '../../simulators/kit/xml/xmlText.js';

const LANE = 170;
const ROW = 26;
const TOP = 50;

/** Each exchange once: the receiver's record, or the caller's when the receiver kept none. */
export function exchangesOnce(entries: JournalEntry[]): JournalEntry[] {
  const receivers = new Set(entries.filter((e) => e.side === 'inbound').map((e) => e.toParty));
  return entries.filter((e) => e.side === 'inbound' || e.outcome === 'transport-error' || !receivers.has(e.toParty));
}

/** The SVG document for `entries` (oldest first); at most `maxRows` arrows, with a note when cut. */
export function sequenceDiagramSvg(entries: JournalEntry[], maxRows = 300): string {
  const all = exchangesOnce(entries);
  const rows = all.slice(0, maxRows);
  const parties: string[] = [];
  for (const e of rows) for (const p of [e.fromParty, e.toParty]) if (!parties.includes(p)) parties.push(p);
  const x = (p: string) => 20 + parties.indexOf(p) * LANE + LANE / 2;
  const height = TOP + (rows.length + 1) * ROW + (all.length > rows.length ? ROW : 0);
  const width = Math.max(40 + parties.length * LANE, 400);
  const heads = parties
    .map((p) => `<rect x="${x(p) - 70}" y="8" width="140" height="24" rx="4" fill="#eef" stroke="#336"/><text x="${x(p)}" y="25" text-anchor="middle">${xmlEscape(p)}</text><line x1="${x(p)}" y1="32" x2="${x(p)}" y2="${height}" stroke="#99a" stroke-dasharray="3 3"/>`)
    .join('');
  const arrows = rows
    .map((e, i) => {
      const y = TOP + i * ROW + ROW / 2;
      const [x1, x2] = [x(e.fromParty), x(e.toParty)];
      const color = e.outcome === 'ok' ? '#264' : '#b00';
      const dash = e.outcome === 'transport-error' ? ' stroke-dasharray="6 4"' : '';
      const status = [e.httpStatus, e.resultCode, e.errorId].filter(Boolean).join(' ');
      const label = `${e.operation}${e.eventCode ? ` ${e.eventCode}` : ''}${e.attempt && e.attempt > 1 ? ` (försök ${e.attempt})` : ''}${status ? ` – ${status}` : ''}`;
      const self = x1 === x2;
      const line = self
        ? `<path d="M${x1} ${y - 6} h30 v12 h-30" fill="none" stroke="${color}"${dash}/>`
        : `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${color}" marker-end="url(#pil)"${dash}/>`;
      return `${line}<text x="${Math.min(x1, x2) + 6}" y="${y - 4}" fill="${color}">${xmlEscape(label)}</text>`;
    })
    .join('');
  const cut = all.length > rows.length ? `<text x="20" y="${height - 6}">… ${all.length - rows.length} utbyten till finns i trafik.jsonl</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
<defs><marker id="pil" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="context-stroke"/></marker></defs>
<rect width="100%" height="100%" fill="#fff"/>${heads}${arrows}${cut}</svg>`;
}
