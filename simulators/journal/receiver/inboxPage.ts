/** The journal simulator's HTML view of received status updates (Swedish, as a journal would show it). */
import { xmlEscape } from '../../kit/xml/xmlText.js';
import type { ReceivedStatusUpdate } from './statusUpdateInbox.js';

/** A complete HTML page listing the updates, newest first. */
export function inboxPage(updates: ReceivedStatusUpdate[]): string {
  const rows = [...updates]
    .reverse()
    .map(
      (u) =>
        `<tr data-event="${xmlEscape(u.eventCode)}"><td>${u.seq}</td><td>${xmlEscape(u.eventCode)}</td><td>${xmlEscape(u.eventTime)}</td>` +
        `<td>${xmlEscape(u.typeCode ?? '')}</td><td>${xmlEscape(u.certificateId)}</td><td>${xmlEscape(u.personId)}</td>` +
        `<td>${xmlEscape(u.logicalAddress)}</td><td>${xmlEscape(u.ref ?? '')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Journalsystem – statusuppdateringar</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head>
<body><h1>Mottagna statusuppdateringar</h1><p id="antal">${updates.length} mottagna</p>
<table><thead><tr><th>#</th><th>Händelse</th><th>Tidpunkt</th><th>Intygstyp</th><th>Intygs-id</th><th>Patient</th><th>Logisk adress</th><th>Referens</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`;
}
