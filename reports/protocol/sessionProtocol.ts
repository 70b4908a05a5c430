/**
 * The session protocol as one self-contained HTML document in Swedish, printable to A4: who took
 * part, the environment and versions, the integration profile, every case with its result,
 * comment, evidence and sequence diagram, the open problems, and a place for the region, the
 * vendor and NMT to sign.
 */
import { sequenceDiagramSvg } from '../sequence/sequenceDiagram.js';
import type { ProtocolCase, ProtocolModel, ProtocolOutcome, ProtocolVerdict } from './protocolModel.js';

const OUTCOME: Record<ProtocolOutcome, string> = { passed: 'Godkänd', failed: 'Underkänd', skipped: 'Överhoppad', error: 'Fel' };
/** Arrows per case in the protocol; the whole sequence is in the evidence file. */
const DIAGRAM_ROWS = 40;

/** The verdict the results suggest: every case passed → Godkänd; skips only → med förbehåll; any failure → Underkänd. */
export function suggestedVerdict(cases: readonly Pick<ProtocolCase, 'outcome'>[]): ProtocolVerdict {
  if (cases.some((c) => !c.outcome)) return 'Ej slutförd';
  if (cases.some((c) => c.outcome === 'failed' || c.outcome === 'error')) return 'Underkänd';
  if (cases.some((c) => c.outcome === 'skipped')) return 'Godkänd med förbehåll';
  return 'Godkänd';
}

export function renderProtocolHtml(m: ProtocolModel): string {
  const count = (o: ProtocolOutcome) => m.cases.filter((c) => c.outcome === o).length;
  const notRun = m.cases.filter((c) => !c.outcome).length;
  const verdict = suggestedVerdict(m.cases);
  const problems = m.cases.filter((c) => c.outcome && c.outcome !== 'passed');
  const wall = m.finishedAt ? m.finishedAt - m.startedAt : undefined;
  const casesMs = m.cases.reduce((s, c) => s + (c.durationMs ?? 0), 0);
  const title = `Protokoll – samverkanstest Webcert – ${m.vendorGroup} / ${m.region}`;
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 10.5pt; color: #1b1f27; margin: 24px; }
  @media print { body { margin: 0; } a { color: inherit; } }
  h1 { font-size: 18pt; margin: 0 0 4px; }
  h2 { font-size: 13pt; border-bottom: 2px solid #23395d; padding-bottom: 2px; margin-top: 22px; }
  h3 { font-size: 11pt; margin: 14px 0 4px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0; }
  th, td { border: 1px solid #b7bfcc; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #e8edf5; }
  .meta td:first-child { width: 34%; color: #445; }
  .passed { color: #1e6b30; font-weight: 700; } .failed, .error { color: #a11; font-weight: 700; } .skipped { color: #7a6a00; font-weight: 700; } .ejkord { color: #777; }
  .verdict { font-size: 13pt; font-weight: 700; }
  .fall { break-inside: avoid-page; border: 1px solid #cfd6e2; border-radius: 4px; padding: 6px 10px; margin: 10px 0; }
  .fall h3 { margin-top: 2px; }
  .small { font-size: 9pt; color: #445; }
  .diagram svg { max-width: 100%; height: auto; }
  .sign td { height: 38px; }
  .sign th { width: 22%; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="small">Session ${esc(m.sessionId)} · ${esc(m.date)} · samverkan${m.selection ? ` · <strong>${esc(m.selection)}</strong>` : ''}</p>

<h2>Sammanfattning</h2>
<table class="meta">
<tr><td>Leverantörsgrupp</td><td>${esc(m.vendorGroup)}</td></tr>
<tr><td>Region/agent</td><td>${esc(m.region)}</td></tr>
<tr><td>Journalsystem</td><td>${esc(m.journal)}</td></tr>
<tr><td>Start</td><td>${esc(time(m.startedAt))}</td></tr>
<tr><td>Slut</td><td>${m.finishedAt ? esc(time(m.finishedAt)) : 'ej slutförd'}</td></tr>
<tr><td>Resultat</td><td>${count('passed')} godkända, ${count('failed')} underkända, ${count('skipped')} överhoppade${count('error') ? `, ${count('error')} fel` : ''}${notRun ? `, ${notRun} ej genomförda` : ''} av ${m.cases.length} fall</td></tr>
<tr><td>Tid</td><td>planerat ${hm(m.plannedMinutes)}${wall !== undefined ? `; faktisk väggtid ${duration(wall)}, summan av fallens tider ${duration(casesMs)}` : ''}</td></tr>
<tr><td>Föreslaget utfall</td><td class="verdict">${esc(verdict)}</td></tr>
${m.links.map((l) => `<tr><td>${esc(l.label)}</td><td><a href="${esc(l.href)}">${esc(l.href)}</a></td></tr>`).join('\n')}
</table>

<h2>Deltagare</h2>
<table>
<tr><th>Namn</th><th>Roll</th><th>Organisation</th></tr>
${m.participants.length ? m.participants.map((p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.role ?? '')}</td><td>${esc(p.organisation ?? '')}</td></tr>`).join('\n') : '<tr><td colspan="3" class="ejkord">Inga deltagare angivna (session start --participant "Namn, roll, organisation").</td></tr>'}
</table>

<h2>Miljö och versioner</h2>
<table class="meta">
${[...m.environment, ...m.software].map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('\n')}
</table>

<h3>Integrationsprofil för ${esc(m.vendorGroup)}</h3>
<table class="meta">
${m.profile.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('\n')}
</table>

<h2>Fall</h2>
<table>
<tr><th>#</th><th>Fall</th><th>Typ</th><th>Krav</th><th>Resultat</th><th>Kommentar</th><th>Bevis</th></tr>
${m.cases.map(caseRow).join('\n')}
</table>

<h2>Öppna problem</h2>
${problems.length ? `<table><tr><th>#</th><th>Fall</th><th>Resultat</th><th>Kommentar</th></tr>${problems.map((c) => `<tr><td>${c.position}</td><td>${esc(c.title)}</td><td class="${c.outcome}">${OUTCOME[c.outcome!]}</td><td>${esc(c.comment)}</td></tr>`).join('')}</table>` : '<p>Inga öppna problem.</p>'}
${notRun ? `<p class="ejkord">${notRun} fall är ännu inte genomförda.</p>` : ''}

<h2>Underskrifter</h2>
<p>Utfall (Ineras testmodell): ☐ Godkänd &nbsp; ☐ Godkänd med förbehåll (åtgärdas till datum: __________) &nbsp; ☐ Underkänd</p>
<p>Planerat produktionsdatum: ______________________</p>
<table class="sign">
<tr><th></th><th>Namn</th><th>Datum</th><th>Underskrift</th></tr>
<tr><th>Region/agent</th><td></td><td></td><td></td></tr>
<tr><th>Leverantör</th><td></td><td></td><td></td></tr>
<tr><th>NMT (Inera)</th><td></td><td></td><td></td></tr>
</table>

<h2>Fallen i detalj</h2>
${m.cases.map(caseDetail).join('\n')}
</body>
</html>
`;
}

function caseRow(c: ProtocolCase): string {
  const result = c.outcome ? `<span class="${c.outcome}">${OUTCOME[c.outcome]}</span>` : '<span class="ejkord">Ej genomfört</span>';
  const evidence = c.evidence.map((e) => `<a href="${esc(e.href)}">${esc(e.label)}</a>`).join('<br>');
  return `<tr><td>${c.position}</td><td><a href="#fall-${esc(c.id)}">${esc(c.title)}</a></td><td>${c.kind === 'automated' ? 'automatiskt' : 'manuellt'}</td><td>${esc(c.requirements.join(', '))}</td><td>${result}</td><td>${esc(c.comment)}</td><td>${evidence}</td></tr>`;
}

function caseDetail(c: ProtocolCase): string {
  const lines: string[] = [];
  lines.push(`<div class="fall" id="fall-${esc(c.id)}">`);
  lines.push(`<h3>${c.position}. ${esc(c.title)} ${c.outcome ? `– <span class="${c.outcome}">${OUTCOME[c.outcome]}</span>` : '– <span class="ejkord">ej genomfört</span>'}</h3>`);
  lines.push(`<p class="small">${esc(c.block)} · ${c.kind === 'automated' ? 'automatiskt' : 'manuellt'} · planerat ${hm(c.plannedStart)}, ${c.minutes} min${c.durationMs !== undefined ? ` · tog ${duration(c.durationMs)}` : ''}${c.recordedBy ? ` · registrerat av ${esc(c.recordedBy)}` : ''}${c.requirements.length ? ` · ${esc(c.requirements.join(', '))}` : ''}</p>`);
  lines.push(`<p>${esc(c.what)}</p>`);
  if (c.comment) lines.push(`<p><strong>Kommentar:</strong> ${esc(c.comment)}</p>`);
  if (c.observed.length) {
    lines.push(`<table><tr><th>Samverkan såg efter</th><th>Sett</th></tr>${c.observed.map((o) => `<tr><td>${esc(o.description)}</td><td>${o.person ? 'bedöms av en deltagare' : o.seen ? `${o.seen} utbyte${o.seen === 1 ? '' : 'n'}` : '<span class="failed">inget</span>'}</td></tr>`).join('')}</table>`);
  }
  if (c.tests.length) {
    lines.push(`<table><tr><th>Test</th><th>Status</th></tr>${c.tests.map((t) => `<tr><td>${esc(t.title)}</td><td class="${t.status === 'passed' ? 'passed' : t.status === 'skipped' ? 'skipped' : 'failed'}">${esc(testStatus(t.status))}</td></tr>`).join('')}</table>`);
  }
  if (c.traffic.length) {
    lines.push(`<p class="small">Sekvensdiagram över fallets trafik (${c.traffic.length} utbyten${c.traffic.length > DIAGRAM_ROWS ? `; de första ${DIAGRAM_ROWS} pilarna här, hela sekvensen i beviset` : ''}):</p>`);
    lines.push(`<div class="diagram">${scalable(sequenceDiagramSvg(c.traffic, DIAGRAM_ROWS))}</div>`);
  } else if (c.outcome) {
    lines.push('<p class="small">Ingen trafik registrerad för fallet.</p>');
  }
  lines.push('</div>');
  return lines.join('\n');
}

/** Gives the diagram a viewBox so that it shrinks to the page's width instead of being cut. */
function scalable(svg: string): string {
  return svg.replace(/<svg ([^>]*?)width="(\d+)" height="(\d+)"/, '<svg $1width="$2" height="$3" viewBox="0 0 $2 $3"');
}

function testStatus(status: string): string {
  return ({ passed: 'godkänd', failed: 'underkänd', timedOut: 'underkänd (tidsgräns)', skipped: 'överhoppad', interrupted: 'avbruten' } as Record<string, string>)[status] ?? status;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function hm(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function time(ms: number): string {
  return new Date(ms).toLocaleString('sv-SE');
}
