/** A recipient's HTML view of what it has taken in (Swedish, as the authority's test desk would show it). */
import { xmlEscape } from '../kit/xml/xmlText.js';
import type { ReceivedMessage } from './recipientInbox.js';

/** A complete HTML page listing the messages, newest first. */
export function recipientInboxPage(name: string, messages: ReceivedMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr data-kind="${xmlEscape(m.kind)}"><td>${m.seq}</td><td>${m.kind === 'RegisterCertificate' ? 'Intyg mottaget' : m.kind === 'RevokeCertificate' ? 'Makulering' : `Meddelande från vården (${xmlEscape(m.amne ?? '')})`}</td>` +
        `<td>${xmlEscape(new Date(m.receivedAt).toISOString())}</td><td>${xmlEscape(m.typeCode ?? '')}</td><td>${xmlEscape(m.certificateId)}</td>` +
        `<td>${xmlEscape(m.personId)}</td><td>${m.signature ? (m.signature.valid ? `verifierad (${xmlEscape(m.signature.signerSubject ?? '')})` : 'ogiltig') : ''}</td>` +
        `<td>${xmlEscape(m.meddelande ?? '')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${xmlEscape(name)} – mottagna intyg</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head>
<body><h1>${xmlEscape(name)}: mottagna intyg och makuleringar</h1><p id="antal">${messages.length} mottagna</p>
<table><thead><tr><th>#</th><th>Händelse</th><th>Mottaget</th><th>Intygstyp</th><th>Intygs-id</th><th>Patient</th><th>Signatur</th><th>Meddelande</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`;
}
