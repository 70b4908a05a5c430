/**
 * The forum's two status tables regenerated from every stored session, the minutes' text kept for
 * rows no session touched. A group whose session passed (a full day, every case godkänd or at
 * most skipped) may roll out broadly (minutes §7d): its other regions say so in "Produktion".
 */
import { suggestedVerdict } from '../../../reports/protocol/sessionProtocol.js';
import type { MatrixRow, StatusMatrix } from '../../../reports/matrix/statusMatrix.js';
import type { ReferenceData } from '../data/referenceData.js';
import type { SessionSummary } from '../store/sessionFolders.js';

interface SessionVerdict {
  summary: SessionSummary;
  verdict: ReturnType<typeof suggestedVerdict>;
  full: boolean;
  date: string;
}

export function matrixFromSessions(data: ReferenceData, sessions: readonly SessionSummary[], madeAt = Date.now()): StatusMatrix {
  const judged: SessionVerdict[] = sessions.map((s) => {
    const results = new Map(s.results.map((r) => [r.caseId, r.outcome]));
    const cases = s.record.plan.entries.flatMap((e) => (e.kind === 'break' ? [] : [{ outcome: results.get(e.id) }]));
    return { summary: s, verdict: suggestedVerdict(cases), full: !s.record.plan.selection, date: s.record.plan.date };
  });
  const regionName = (id: string) => data.regions.find((r) => r.id === id)?.nameInMinutes ?? id;
  const passed = (v: SessionVerdict) => v.full && (v.verdict === 'Godkänd' || v.verdict === 'Godkänd med förbehåll');

  const groups: MatrixRow[] = data.vendorGroups.map((g) => {
    const own = judged.filter((v) => v.summary.record.plan.vendorGroup.id === g.id);
    if (!own.length) return { name: g.name, value: g.testsDoneInMinutes, fromSessions: false };
    const texts = own.map((v) => `${regionName(v.summary.record.plan.region.id)}: ${v.verdict.toLowerCase()} ${v.date}${v.full ? '' : ` (${v.summary.record.plan.selection})`}`);
    const seed = g.testsDoneInMinutes ? [`${g.testsDoneInMinutes} (protokollet 2022-05-30)`] : [];
    return { name: g.name, value: [...seed, ...texts].join('; '), fromSessions: true };
  });

  const regions: MatrixRow[] = data.regions.map((r) => {
    const texts: string[] = [];
    for (const v of judged.filter((x) => x.summary.record.plan.region.id === r.id)) {
      texts.push(`samverkanstest ${v.verdict.toLowerCase()} ${v.date}${v.full ? '' : ` (${v.summary.record.plan.selection})`}`);
    }
    const group = data.vendorGroups.find((g) => g.regions.includes(r.id));
    const groupPass = group && judged.filter((v) => v.summary.record.plan.vendorGroup.id === group.id && v.summary.record.plan.region.id !== r.id && passed(v)).at(0);
    if (groupPass) texts.push(`får breddinföra (${group!.name} godkänd i ${regionName(groupPass.summary.record.plan.region.id)} ${groupPass.date})`);
    if (!texts.length) return { name: r.nameInMinutes, value: r.productionInMinutes, fromSessions: false };
    return { name: r.nameInMinutes, value: [...(r.productionInMinutes ? [r.productionInMinutes] : []), ...texts].join('; '), fromSessions: true };
  });
  return { madeAt, sessionsRead: sessions.length, groups, regions };
}
