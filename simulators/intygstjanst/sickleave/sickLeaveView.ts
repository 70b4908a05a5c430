/**
 * A patient's sick-leave chain as Rehabstöd would count it from what Intygstjänsten holds: as JSON
 * (`GET /inera-certificate/api/sjukfall/{personnummer}`) and as a page a person can read
 * (`GET /inera-certificate/sjukfall/{personnummer}`): the certificates that count with their
 * periods, and those left out with why.
 */
import { xmlEscape as html } from '../../kit/xml/xmlText.js';
import type { CertificateRepository, StoredCertificate } from '../certificateRepository.js';
import { sickLeaveChain, type WorkCapacity } from './sickLeaveCertificates.js';

/** One certificate in the report. */
export interface SickLeaveEntry {
  certificateId: string;
  typeCode: string;
  unitHsaId: string;
  signingTime?: string;
  diagnosisCode?: string;
  workCapacities: WorkCapacity[];
  /** Its own relation to an earlier certificate (e.g. FRLANG for a renewal). */
  relations: { code: string; certificateId: string }[];
}

/** The JSON answer. */
export interface SickLeaveReport {
  personId: string;
  /** Oldest first. */
  counted: SickLeaveEntry[];
  leftOut: (SickLeaveEntry & { reason: 'REVOKED' | 'ERSATT' | 'KOMPLT'; by?: string })[];
}

function entry(c: StoredCertificate): SickLeaveEntry {
  return {
    certificateId: c.certificateId,
    typeCode: c.typeCode,
    unitHsaId: c.unitHsaId,
    signingTime: c.signingTime,
    ...(c.sickLeave?.diagnosisCode ? { diagnosisCode: c.sickLeave.diagnosisCode } : {}),
    workCapacities: c.sickLeave?.workCapacities ?? [],
    relations: c.relations,
  };
}

/** The report for one patient (personnummer with or without dash). */
export function sickLeaveReport(repository: CertificateRepository, personId: string): SickLeaveReport {
  const digits = personId.replace(/\D/g, '');
  const chain = sickLeaveChain(repository.list({ personId: digits }));
  return {
    personId: digits,
    counted: chain.counted.map(entry),
    leftOut: chain.leftOut.map((l) => ({ ...entry(l.certificate), reason: l.reason, ...('by' in l ? { by: l.by } : {}) })),
  };
}

const REASONS = { REVOKED: 'makulerat', ERSATT: 'ersatt av', KOMPLT: 'kompletterat av' } as const;

function periods(e: SickLeaveEntry): string {
  return e.workCapacities.map((w) => `${html(w.gradeName ?? w.grade)} ${html(w.from)}–${html(w.to)}`).join(', ') || '–';
}

/** The page. */
export function sickLeavePage(report: SickLeaveReport): string {
  const pnr = report.personId.replace(/^(\d{8})(\d{4})$/, '$1-$2');
  const row = (e: SickLeaveEntry) => `<td>${html(e.certificateId)}</td><td>${html(e.typeCode)}</td><td>${html(e.signingTime ?? '')}</td><td>${html(e.diagnosisCode ?? '')}</td><td>${periods(e)}</td>`;
  const counted = report.counted.map((e) => `<tr data-intyg="${html(e.certificateId)}">${row(e)}</tr>`).join('');
  const leftOut = report.leftOut
    .map((e) => `<tr data-intyg="${html(e.certificateId)}">${row(e)}<td>${html(REASONS[e.reason])}${e.by ? ` ${html(e.by)}` : ''}</td></tr>`)
    .join('');
  const head = '<tr><th>Intygs-id</th><th>Typ</th><th>Signerat</th><th>Diagnos</th><th>Nedsättning</th>';
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sjukfall ${html(pnr)} – Intygstjänsten (samverkan)</title>
<style>body{font-family:system-ui,sans-serif;margin:1.2em}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.3em .6em;text-align:left}</style></head>
<body><h1>Sjukfall för ${html(pnr)}</h1><p>De sjukskrivningsintyg Intygstjänsten har för patienten, som Rehabstöd räknar dem: ett intyg lämnar sjukfallet när det makuleras, eller när ett signerat intyg som inte är makulerat ersätter eller kompletterar det. Ett förnyat intyg ligger kvar.</p>
<h2>Ingår i sjukfallet</h2><table id="ingar" aria-label="Ingår i sjukfallet">${head}</tr>${counted || '<tr><td colspan="5">Inga</td></tr>'}</table>
<h2>Ingår inte</h2><table id="ingar-inte" aria-label="Ingår inte i sjukfallet">${head}<th>Varför</th></tr>${leftOut || '<tr><td colspan="6">Inga</td></tr>'}</table></body></html>`;
}
