/** A session plan as a Swedish Markdown timetable, for `session plan` and for people to read ahead. */
import { hm } from '../run/sessionLive.js';
import type { SessionPlan } from './sessionPlan.js';
import { describeSelection } from './tagSelection.js';

export function planMarkdown(plan: SessionPlan): string {
  const p = plan.profile;
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = plan.entries.map((e) => {
    if (e.kind === 'break') return `| ${hm(e.plannedStart)} | | **${cell(e.title)}** | | ${e.minutes} | | |`;
    const what = e.kind === 'automated' ? `Playwright: ${describeSelection(e)}` : `${cell(e.instructions)}<br>${e.observe.map((o) => `${o.person ? '👤' : '•'} ${cell(o.description)}`).join('<br>')}`;
    return `| ${hm(e.plannedStart)} | ${e.position} | ${cell(e.title)} (\`${e.id}\`) | ${e.kind === 'automated' ? 'automatiskt' : 'manuellt'} | ${e.minutes} | ${e.requirements.join(', ')} | ${what} |`;
  });
  return [
    `# Plan för samverkanstest – ${plan.vendorGroup.name} / ${plan.region.name} (${plan.date})`,
    '',
    `Profil: start ${p.launch}, ${p.embeddedBrowser ? 'inbäddad webbläsare' : 'fristående webbläsare'}, ${p.browsers.join(', ')}, SITHS eID-app paket ${p.eidAppPackage}, PIN-SSO ${p.pinSso ? 'ja' : 'nej'}, Net iD/IE11 ${p.netIdIe11 ? 'ja (till 2023-06-30)' : 'nej'}.`,
    `Intygstyper, mest utfärdade först (april–maj 2022): ${plan.certificateTypes.join(', ')}. Journalsystem: ${plan.journal === 'sim' ? 'simulerat' : 'regionens'}.${plan.selection ? ` Urval: ${plan.selection}.` : ''}`,
    '',
    '| Tid | # | Fall | Typ | Min | Krav | Vad som görs, och vad samverkan ser |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Totalt ${hm(plan.totalMinutes)} av ${hm(plan.halfDayMinutes)}.`,
    '',
  ].join('\n');
}
