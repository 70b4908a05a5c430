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
// One save at a time, each with the version the one before got back. A save sends the form as it
// is when it starts, so it covers every edit made before it: it cancels the pending debounce, and
// debounces that fire while a save is in flight ask for ONE more save after it, not one each. Only
// a save that started after the last edit, with none asked for after it, shows "sparat": once the
// page says saved, no save leaves it until the next edit. A concurrent modification (409, another
// tab or user saved the draft) stops the saving and says so, as Webcert's reload dialog does.
let edits = 0; let saving; let again = false; let conflict = false;
function save() {
  clearTimeout(timer);
  if (conflict) return Promise.resolve();
  if (saving) { again = true; return saving; }
  saving = (async () => {
    try { do { again = false; await saveOnce(); } while (again && !conflict); } finally { saving = undefined; }
  })();
  return saving;
}
async function saveOnce() {
  clearTimeout(timer);
  const at = edits;
  try {
    const res = await fetch(form.dataset.saveUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version, values: values() }) });
    const body = await res.json().catch(() => ({}));
    if (res.status === 409 && body.errorCode === 'CONCURRENT_MODIFICATION') { showConcurrentModification(); return; }
    if (res.ok) version = body.version;
    if (at !== edits || again) return;
    if (!res.ok) { status.textContent = 'Utkastet kunde inte sparas: ' + (body.error ?? body.message ?? res.status); return; }
    showErrors(body.errors);
    status.textContent = body.missing.length ? 'Utkastet är sparat. Obligatoriska uppgifter saknas: ' + body.missing.join(', ') : 'Utkastet är sparat och klart att signera.';
    if (signButton) signButton.disabled = body.missing.length > 0;
  } catch (error) {
    if (at === edits && !again) status.textContent = 'Utkastet kunde inte sparas: ' + error;
  }
}
function showConcurrentModification() {
  conflict = true; clearTimeout(timer);
  if (signButton) signButton.disabled = true;
  status.textContent = 'Utkastet kunde inte sparas.';
  if (document.getElementById('samtidig-andring')) return;
  const dialog = document.createElement('div'); dialog.id = 'samtidig-andring'; dialog.setAttribute('role', 'alertdialog'); dialog.setAttribute('aria-labelledby', 'samtidig-andring-text');
  const text = document.createElement('p'); text.id = 'samtidig-andring-text';
  text.textContent = 'Utkastet har samtidigt ändrats av en annan användare och kunde därför inte sparas. Ladda om sidan och försök igen.';
  const reload = document.createElement('button'); reload.type = 'button'; reload.textContent = 'Ladda om intyget'; reload.addEventListener('click', () => location.reload());
  dialog.append(text, reload); form.before(dialog); reload.focus();
}
form.addEventListener('input', (event) => {
  const ticks = event.target.dataset && event.target.dataset.ticks;
  if (ticks && event.target.value !== '') document.getElementById(ticks).checked = true;
  edits++; refresh(); clearTimeout(timer); if (conflict) return; status.textContent = 'Sparar…'; if (signButton) signButton.disabled = true; timer = setTimeout(save, autosaveMs);
});
document.getElementById('visa-saknas').addEventListener('click', () => form.classList.toggle('visa-saknas'));
if (signButton) signButton.addEventListener('click', async () => {
  signButton.disabled = true; await save(); if (signButton.disabled || conflict) return;
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
