/**
 * The journal system's side of a deep-integration launch: a page with the form a journal posts to
 * Webcert's `/visa/intyg/{intygsId}` (parameters in the body, as Webcert requires), prefilled
 * from the query string so a scenario or a person can vary each parameter.
 */
import { randomUUID } from 'node:crypto';
import { xmlEscape } from '../../kit/xml/xmlText.js';

/** The launch parameters Webcert reads (webcert-surfaces.md §3.1). */
export const LAUNCH_PARAMETERS = ['enhet', 'alternatePatientSSn', 'responsibleHospName', 'fornamn', 'mellannamn', 'efternamn', 'postadress', 'postnummer', 'postort', 'sjf', 'ref', 'inaktivEnhet', 'avliden', 'kopieringOK', 'launchId'] as const;

/**
 * The launch page for one certificate. Query parameters named like launch parameters prefill the
 * form; `launchId` defaults to a fresh UUID; `version=v2` posts to `/v2/visa/intyg/…`.
 */
export function launchPage(webcertBaseUrl: string, certificateId: string, query: URLSearchParams): string {
  const path = query.get('version') === 'v2' ? '/v2/visa/intyg/' : '/visa/intyg/';
  const action = `${webcertBaseUrl.replace(/\/$/, '')}${path}${encodeURIComponent(certificateId)}`;
  const inputs = LAUNCH_PARAMETERS.map((name) => {
    const value = query.get(name) ?? (name === 'launchId' ? randomUUID() : '');
    if (value === '' && query.get('omit') !== 'none') return '';
    return `<label>${name} <input name="${name}" id="param-${name}" value="${xmlEscape(value)}"></label>`;
  }).join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Journalsystem – öppna intyg</title></head>
<body><h1>Journalsystem (samverkan)</h1><p>Intyg ${xmlEscape(certificateId)}</p>
<form id="oppna" method="post" action="${xmlEscape(action)}">${inputs}<button id="oppna-i-webcert" type="submit">Öppna intyget i Webcert</button></form></body></html>`;
}
