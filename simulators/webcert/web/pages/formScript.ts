/**
 * The draft page's script, the same for every form: shows and hides questions as their
 * conditions change (the rules of formConditions.ts, in the browser), ticks an option when its
 * date is entered, autosaves (ANDRAT) and shows the validation Webcert answers, "Visa vad som
 * saknas", and starts signing (the signing service, or Webcert's fake signing).
 */
export const FORM_SCRIPT = `
const form = document.getElementById('intygsform'); const status = document.getElementById('sparstatus');
const signButton = document.getElementById('signera'); let version = Number(form.dataset.version); let timer;
const autosaveMs = Number(form.dataset.autosaveMs ?? 400);
function values() {
  const v = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox' || el.type === 'radio') { if (el.checked) v[el.name] = el.value; }
    else if (el.value !== '') v[el.name] = el.value;
  }
  return v;
}
function holds(c, v) {
  if (c.all) return c.all.every((x) => holds(x, v));
  if (c.any) return c.any.some((x) => holds(x, v));
  const value = v[c.field];
  if ('equals' in c) return value !== undefined && [].concat(c.equals).includes(value);
  if ('notEquals' in c) return value !== undefined && value !== '' && value !== c.notEquals;
  if ('isNot' in c) return value !== c.isNot;
  return [].concat(c.checked).some((o) => v[c.field + '.' + o] === 'true');
}
function refresh() {
  const v = values();
  for (const el of form.querySelectorAll('[data-show-when]')) {
    const show = holds(JSON.parse(el.dataset.showWhen), v);
    el.hidden = !show;
    const field = el.dataset.field;
    if (!show && field) for (const k of Object.keys(v)) if (k === field || k.startsWith(field + '.')) delete v[k];
  }
}
function showErrors(errors) {
  for (const list of form.querySelectorAll('.fel-lista')) list.replaceChildren();
  for (const e of errors) {
    const list = document.getElementById('fel-' + e.field);
    if (!list) continue;
    const p = document.createElement('p'); p.className = e.missing ? 'fel saknas' : 'fel'; p.textContent = e.message; list.appendChild(p);
  }
}
// Saves run one after the other (each sends the version the previous one got back), and only the
// answer to a save that started after the last edit is shown: a short debounce cannot conflict.
let edits = 0; let saving = Promise.resolve();
function save() {
  saving = saving.then(async () => {
    const at = edits;
    const res = await fetch(form.dataset.saveUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version, values: values() }) });
    const body = await res.json();
    if (res.ok) version = body.version;
    if (at !== edits) return;
    if (!res.ok) { status.textContent = 'Utkastet kunde inte sparas: ' + body.error; return; }
    showErrors(body.errors);
    status.textContent = body.missing.length ? 'Utkastet är sparat. Obligatoriska uppgifter saknas: ' + body.missing.join(', ') : 'Utkastet är sparat och klart att signera.';
    if (signButton) signButton.disabled = body.missing.length > 0;
  }).catch((error) => { status.textContent = 'Utkastet kunde inte sparas: ' + error; });
  return saving;
}
form.addEventListener('input', (event) => {
  const ticks = event.target.dataset && event.target.dataset.ticks;
  if (ticks && event.target.value !== '') document.getElementById(ticks).checked = true;
  edits++; refresh(); clearTimeout(timer); status.textContent = 'Sparar…'; if (signButton) signButton.disabled = true; timer = setTimeout(save, autosaveMs);
});
document.getElementById('visa-saknas').addEventListener('click', () => form.classList.toggle('visa-saknas'));
if (signButton) signButton.addEventListener('click', async () => {
  signButton.disabled = true; clearTimeout(timer); await save(); if (signButton.disabled) return;
  const readyForSign = form.dataset.signMethod === 'READY_FOR_SIGN';
  status.textContent = readyForSign ? 'Markerar…' : 'Signerar…';
  const res = await fetch(form.dataset.signUrl.replace('{version}', version), { method: 'POST' });
  if (readyForSign) { if (res.ok) location.reload(); else status.textContent = 'Utkastet kunde inte markeras: ' + (await res.json()).message; return; }
  if (form.dataset.signMethod === 'FAKE') { location.href = res.ok ? location.pathname : location.pathname + 'sign/error'; return; }
  if (!res.ok) { location.href = location.pathname + 'sign/error'; return; }
  const ticket = await res.json();
  const post = document.createElement('form'); post.method = 'POST'; post.action = ticket.actionUrl;
  for (const [name, value] of [['Binding', 'POST/XML/1.0'], ['RelayState', ticket.id], ['EidSignRequest', ticket.signRequest]]) {
    const input = document.createElement('input'); input.type = 'hidden'; input.name = name; input.value = value; post.appendChild(input);
  }
  document.body.appendChild(post); post.submit();
});`;
