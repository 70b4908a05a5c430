/**
 * The user forum's two status tables, "Leverantörsgrupp / Tester utförda" and "Region/agent /
 * Produktion" (minutes 2022-05-30 §7d), as Markdown and as an HTML page; the harness fills the
 * cells from the stored sessions and, for rows without sessions, from the minutes.
 */

export interface MatrixRow {
  /** The row's name as the minutes write it, e.g. `TakeCare/Asynja Visph`, `Stockholm/Gotland`. */
  name: string;
  /** The cell. */
  value: string;
  /** Whether a stored session contributed to the cell (else it is the minutes' text). */
  fromSessions: boolean;
}

export interface StatusMatrix {
  /** Wall-clock ms when the tables were made. */
  madeAt: number;
  sessionsRead: number;
  groups: MatrixRow[];
  regions: MatrixRow[];
}

export function renderMatrixMarkdown(m: StatusMatrix): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const table = (head: [string, string], rows: MatrixRow[]) =>
    [`| ${head[0]} | ${head[1]} |`, '|---|---|', ...rows.map((r) => `| ${cell(r.name)} | ${cell(r.value)}${r.fromSessions ? ' ¹' : ''} |`)].join('\n');
  return [
    '# Samverkanstest för den nya underskriftslösningen – status',
    '',
    `Framtaget ${time(m.madeAt)} ur ${m.sessionsRead} lagrade sessioner; rader utan sessioner har protokollets text från Användarforum Webcert 2022-05-30 (§7d).`,
    '',
    table(['Leverantörsgrupp', 'Tester utförda'], m.groups),
    '',
    table(['Region/agent', 'Produktion'], m.regions),
    '',
    '¹ från lagrade samverkanssessioner.',
    '',
  ].join('\n');
}

export function renderMatrixHtml(m: StatusMatrix): string {
  const table = (head: [string, string], rows: MatrixRow[]) =>
    `<table><thead><tr><th>${head[0]}</th><th>${head[1]}</th></tr></thead><tbody>${rows
      .map((r) => `<tr${r.fromSessions ? ' class="session"' : ''}><td>${esc(r.name)}</td><td>${esc(r.value)}</td></tr>`)
      .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Samverkanstest – status</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; color: #1b1f27; }
  table { border-collapse: collapse; margin: 8px 0 24px; min-width: 420px; }
  th, td { border: 1px solid #b7bfcc; padding: 4px 10px; text-align: left; }
  th { background: #e8edf5; }
  tr.session td:last-child { background: #eef7f0; font-weight: 600; }
  p { color: #445; }
</style></head>
<body>
<h1>Samverkanstest för den nya underskriftslösningen – status</h1>
<p>Framtaget ${esc(time(m.madeAt))} ur ${m.sessionsRead} lagrade sessioner; rader utan sessioner har protokollets text från Användarforum Webcert 2022-05-30 (§7d). Gröna celler kommer från sessioner.</p>
<h2>Leverantörsgrupp / Tester utförda</h2>
${table(['Leverantörsgrupp', 'Tester utförda'], m.groups)}
<h2>Region/agent / Produktion</h2>
${table(['Region/agent', 'Produktion'], m.regions)}
</body>
</html>
`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function time(ms: number): string {
  return new Date(ms).toLocaleString('sv-SE');
}
