/** A session's store turned into the protocol's data (reports/protocol renders it). */
import type { ProtocolCase, ProtocolModel } from '../../../reports/protocol/protocolModel.js';
import { describeSelection } from '../plan/tagSelection.js';
import type { PlannedCase } from '../plan/sessionPlan.js';
import type { SessionStore } from '../store/sessionStore.js';

const BY = { playwright: 'Playwright', terminal: 'terminalen', page: 'sessionssidan', samverkan: 'samverkan (kravsviten)' } as const;

/** The protocol model; `links` and per-case evidence hrefs are relative to the session folder. */
export function protocolFromStore(store: SessionStore, links: ProtocolModel['links'], evidenceOf: (caseId: string) => ProtocolCase['evidence']): ProtocolModel {
  const session = store.session;
  const plan = session.plan;
  const results = new Map(store.results().map((r) => [r.caseId, r]));
  const finished = store.meta('finishedAt');
  const profile = plan.profile;
  const cases = plan.entries
    .filter((e): e is PlannedCase => e.kind !== 'break')
    .map((c): ProtocolCase => {
      const r = results.get(c.id);
      return {
        position: c.position,
        id: c.id,
        block: c.blockTitle,
        title: c.title,
        kind: c.kind,
        requirements: c.requirements,
        minutes: c.minutes,
        plannedStart: c.plannedStart,
        ...(r && { outcome: r.outcome, recordedBy: BY[r.recordedBy], durationMs: r.details.testsMs ?? r.finishedAt - r.startedAt }),
        comment: r?.comment ?? '',
        what: c.kind === 'manual' ? c.instructions : `Playwright-scenarier med taggarna ${describeSelection(c)}.`,
        tests: store.tests(c.id).map((t) => ({ title: t.title, status: t.status })),
        observed: r?.details.observed ?? [],
        traffic: r ? store.traffic(c.id) : [],
        evidence: r ? evidenceOf(c.id) : [],
      };
    });
  return {
    sessionId: session.id,
    date: plan.date,
    vendorGroup: plan.vendorGroup.name,
    region: plan.region.name,
    journal: session.journal.mode === 'external' ? `regionens journalsystem, statusmottagare ${session.journal.url}` : 'samverkans simulerade journalsystem',
    selection: plan.selection,
    startedAt: session.createdAt,
    ...(finished && { finishedAt: Number(finished) }),
    participants: session.participants,
    environment: Object.entries(session.environment),
    software: Object.entries(session.software),
    profile: [
      ['Start från journalen', { 'post-form': 'POST /visa/intyg/{intygsId} (formulär)', 'post-form-v2': 'POST /v2/visa/intyg/{intygsId} (formulär)', 'get-query': 'GET med parametrar i adressen (avrått)' }[profile.launch]],
      ['Inbäddad webbläsare', profile.embeddedBrowser ? 'ja (siths://-appväxling krävs)' : 'nej'],
      ['Intygstyper i sessionen', plan.certificateTypes.join(', ')],
      ['Webbläsare', profile.browsers.join(', ')],
      ['SITHS eID-app, paket (§7a)', profile.eidAppPackage],
      ['PIN-SSO förväntas', profile.pinSso ? 'ja' : 'nej'],
      ['Net iD / IE11', profile.netIdIe11 ? 'ja, till och med 2023-06-30' : 'nej'],
    ],
    cases,
    plannedMinutes: cases.reduce((s, c) => s + c.minutes, 0),
    links,
  };
}
