/**
 * The session page's HTML, in Swedish: one self-contained document (no external resources) that
 * renders the state it was served with and then follows `/api/tillstand` every two seconds. The
 * comment a person is typing survives the refreshes: the step is redrawn only when it changes.
 */
import type { PageState } from '../run/sessionLive.js';

export function sessionPageHtml(state: PageState): string {
  const initial = JSON.stringify(state).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Samverkanstest – ${escapeHtml(state.session.vendorGroup)} / ${escapeHtml(state.session.region)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1d2430; background: #f4f6f9; }
  header { background: #23395d; color: #fff; padding: 12px 24px; }
  header h1 { margin: 0; font-size: 20px; }
  header p { margin: 4px 0 0; font-size: 13px; opacity: .9; }
  #framsteg { background: #dfe7f3; padding: 8px 24px; font-weight: 600; }
  main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr); gap: 20px; padding: 20px 24px; }
  section { background: #fff; border-radius: 6px; padding: 16px 20px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  h2 { margin-top: 0; font-size: 18px; }
  .block { color: #566; font-size: 13px; margin-bottom: 4px; }
  .instruktion { font-size: 16px; line-height: 1.45; }
  ul.observationer { padding-left: 0; list-style: none; }
  ul.observationer > li { border-left: 4px solid #c9a227; padding: 6px 10px; margin: 8px 0; background: #fbf8ee; }
  ul.observationer > li.sedd { border-color: #2a7a3b; background: #eef7f0; }
  ul.observationer > li.person { border-color: #5570a8; background: #eef2fa; }
  .sett { font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; margin: 4px 0 0; }
  .problem { color: #a11; }
  textarea { width: 100%; min-height: 70px; font: inherit; box-sizing: border-box; }
  .knappar button { font-size: 16px; padding: 8px 16px; margin: 8px 8px 0 0; border-radius: 4px; border: 1px solid #889; cursor: pointer; }
  button.godkand { background: #2a7a3b; color: #fff; }
  button.underkand { background: #a11; color: #fff; }
  #meddelande { margin-top: 8px; min-height: 1.2em; }
  ol.fall { padding-left: 22px; font-size: 13px; }
  ol.fall li.passed::marker { color: #2a7a3b; } ol.fall li.failed::marker, ol.fall li.error::marker { color: #a11; }
  .utfall { font-weight: 600; } .passed .utfall { color: #2a7a3b; } .failed .utfall, .error .utfall { color: #a11; } .skipped .utfall { color: #886; }
  .aktuell { font-weight: 700; }
  dl.adresser dt { font-size: 12px; color: #566; } dl.adresser dd { margin: 0 0 6px; font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
</style>
</head>
<body>
<header>
  <h1>Samverkanstest Webcert – <span id="grupp">${escapeHtml(state.session.vendorGroup)}</span> / <span id="region">${escapeHtml(state.session.region)}</span></h1>
  <p id="sessionsinfo"></p>
</header>
<div id="framsteg" role="status" aria-live="polite">${escapeHtml(state.progress.line)}</div>
<main>
  <div>
    <section id="steg" aria-labelledby="stegrubrik"></section>
  </div>
  <aside>
    <section><h2>Dagens plan</h2><ol class="fall" id="fall"></ol></section>
    <section><h2>Adresser</h2><dl class="adresser" id="adresser"></dl></section>
  </aside>
</main>
<script>
const state0 = ${initial};
let shownStep = null;
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) { if (k === 'class') e.className = v; else e.setAttribute(k, v); }
  for (const c of children) e.append(c);
  return e;
};
const PHASE = { startar: 'Sessionen startar …', automatiska: 'Automatiska fall körs', manuellt: 'Väntar på ett manuellt steg', klar: 'Sessionen är klar', pausad: 'Sessionen är pausad' };

function render(s) {
  $('grupp').textContent = s.session.vendorGroup;
  $('region').textContent = s.session.region;
  $('sessionsinfo').textContent = 'Session ' + s.session.id + ' · ' + s.session.date + ' · ' + s.session.journal + (s.session.selection ? ' · ' + s.session.selection : '');
  $('framsteg').textContent = s.progress.line;
  const list = $('fall');
  list.replaceChildren(...s.cases.map((c) => {
    const li = el('li', { class: (c.outcome || '') + (s.current && s.current.caseId === c.id ? ' aktuell' : ''), 'data-fall': c.id });
    li.append(c.title + ' (' + (c.kind === 'automated' ? 'automatiskt' : 'manuellt') + ', ' + c.minutes + ' min)');
    if (c.outcomeSv) li.append(' – ', el('span', { class: 'utfall' }, c.outcomeSv));
    return li;
  }));
  $('adresser').replaceChildren(...Object.entries(s.urls).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  renderStep(s);
}

function renderStep(s) {
  const box = $('steg');
  const key = s.current ? s.current.caseId : s.phase + (s.automated ? s.automated.join(',') : '') + (s.evidence ? 'e' : '');
  if (key !== shownStep) {
    shownStep = key;
    box.replaceChildren();
    if (!s.current) {
      box.append(el('h2', { id: 'stegrubrik' }, PHASE[s.phase] || s.phase));
      if (s.automated) box.append(el('p', {}, 'Playwright kör: ' + s.automated.join(', ') + '. Resultaten syns i planen till höger.'));
      if (s.evidence) box.append(el('ul', {}, ...Object.entries(s.evidence).map(([k, v]) => el('li', {}, k + ': ' + v))));
      return;
    }
    const c = s.current;
    box.append(
      el('div', { class: 'block' }, c.block + ' · steg ' + c.position + (c.requirements.length ? ' · ' + c.requirements.join(', ') : '')),
      el('h2', { id: 'stegrubrik' }, c.title),
      el('p', { class: 'instruktion' }, c.instructions),
      el('h3', {}, 'Vad samverkan ser efter'),
      el('ul', { class: 'observationer', id: 'observationer' }),
      el('label', { for: 'kommentar' }, 'Kommentar'),
      el('textarea', { id: 'kommentar', name: 'kommentar' }),
      el('div', { class: 'knappar' },
        el('button', { type: 'button', class: 'godkand', 'data-utfall': 'passed' }, 'Godkänd'),
        el('button', { type: 'button', class: 'underkand', 'data-utfall': 'failed' }, 'Underkänd'),
        el('button', { type: 'button', 'data-utfall': 'skipped' }, 'Hoppa över')),
      el('div', { id: 'meddelande', role: 'alert' }),
    );
    for (const b of box.querySelectorAll('button[data-utfall]')) b.addEventListener('click', () => send(c.caseId, b.getAttribute('data-utfall')));
  }
  if (s.current) {
    $('observationer').replaceChildren(...s.current.observations.map((o) => {
      const li = el('li', { class: o.person ? 'person' : o.seen.length ? 'sedd' : '' });
      li.append(el('div', {}, (o.person ? '👤 ' : o.seen.length ? '✓ ' : '… ') + o.description));
      if (o.person) li.append(el('div', { class: 'sett' }, 'En deltagare bedömer detta.'));
      else li.append(el('div', { class: 'sett' }, o.seen.length ? o.seen.map((x) => x.line).join('\\n') : 'Inget sett ännu.'));
      for (const l of o.launches) {
        li.append(el('div', { class: 'sett' }, 'Parametrar: ' + Object.entries(l.parameters).map(([k, v]) => k + '=' + v).join(', ')));
        for (const p of l.problems) li.append(el('div', { class: 'sett problem' }, '⚠ ' + p));
      }
      return li;
    }));
  }
}

async function send(caseId, outcome) {
  const message = $('meddelande');
  for (const b of document.querySelectorAll('button[data-utfall]')) b.disabled = true;
  try {
    const r = await fetch('/api/resultat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseId, outcome, comment: $('kommentar').value }) });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.status);
    message.textContent = 'Registrerat: ' + ({ passed: 'godkänd', failed: 'underkänd', skipped: 'överhoppad' })[outcome] + '.';
    await refresh();
  } catch (e) {
    message.textContent = 'Kunde inte registrera: ' + e.message;
    for (const b of document.querySelectorAll('button[data-utfall]')) b.disabled = false;
  }
}

async function refresh() {
  try {
    const r = await fetch('/api/tillstand', { cache: 'no-store' });
    if (r.ok) render(await r.json());
  } catch { /* the session has ended; keep the last state */ }
}

render(state0);
setInterval(refresh, 2000);
</script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
