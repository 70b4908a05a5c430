/**
 * `data/session-plan.json`: every case a half-day samverkanstest can hold, in the day's order, with
 * the conditions that pick them for a vendor group's profile. Automated cases name Playwright tags;
 * manual cases say what to do and what samverkan will see on the wire to confirm it.
 */
import type { ExchangeOutcome, ExchangeSide } from '../../../simulators/kit/journal/exchange.js';
import type { DataNode } from './dataNode.js';
import { EID_APP_PACKAGES, type EidAppPackage } from './vendorGroupsFile.js';

/** Placeholders a text may use; the plan fills them per session. */
export const PLACEHOLDERS = ['patient', 'personnummer', 'samordningsnummer', 'enhet', 'enhetsnamn', 'lakare', 'intygstyp', 'intygstypnamn', 'webblasare', 'region', 'leverantorsgrupp', 'eidpaket', 'webcert'] as const;

/** Exchanges in the traffic journal that confirm a manual step; every given field must match. */
export interface TrafficExpectation {
  side?: ExchangeSide;
  fromParty?: string;
  toParty?: string;
  /** A regular expression over the operation, e.g. `^(Djupintegrationsstart$|POST /(v2/)?visa/intyg/)` (the Webcert simulator journals a launch as Djupintegrationsstart). */
  operation?: string;
  outcomes?: ExchangeOutcome[];
  eventCode?: string;
  logicalAddress?: string;
  personId?: string;
  /** Text the request body must contain. */
  requestContains?: string;
  /** Only resends: attempt ≥ this. */
  minAttempt?: number;
  /** A deep-integration launch: show its form parameters and check them (JR-L01, L02, L09). */
  launch?: boolean;
}

/** One thing samverkan watches for during a manual step. */
export interface Observation {
  description: string;
  /** Seen on the wire… */
  traffic?: TrafficExpectation;
  /** …or a person answers. */
  person?: boolean;
}

/** When a case belongs in a session (every given condition must hold). */
export interface CaseConditions {
  eidAppPackage?: EidAppPackage[];
  embeddedBrowser?: boolean;
  pinSso?: boolean;
  netIdIe11?: boolean;
  /** The session's date is before this day (`2023-07-01`). */
  sessionDateBefore?: string;
  sessionDateFrom?: string;
  journal?: 'sim' | 'external';
}

interface CaseBase {
  id: string;
  title: string;
  /** Estimated minutes, for the day's timetable. */
  minutes: number;
  /** Requirement ids (integration-requirements §1), e.g. `JR-L01`. */
  requirements: string[];
  when?: CaseConditions;
  forEach?: 'certificateType' | 'browser';
  maxCertificateTypes?: number;
  line: number;
}

export interface AutomatedCaseSpec extends CaseBase {
  kind: 'automated';
  /**
   * `conformance`: the case is the journal-system conformance suite (`samverkan conformance`), run
   * by the session itself against its journal system; it picks no scenarios. Absent: Playwright
   * scenarios picked by tag.
   */
  runner?: 'conformance';
  anyTags: string[];
  allTags: string[];
  noTags: string[];
}

export interface ManualCaseSpec extends CaseBase {
  kind: 'manual';
  instructions: string;
  observe: Observation[];
}

export type CaseSpec = AutomatedCaseSpec | ManualCaseSpec;

export interface CatalogueBlock {
  id: string;
  title: string;
  cases: CaseSpec[];
  /** A break of this many minutes instead of cases. */
  breakMinutes?: number;
}

export interface TestPatient {
  personId: string;
  name: string;
}

export interface SessionCatalogue {
  halfDayMinutes: number;
  /** Where halfDayMinutes stands, for the error of a plan that does not fit. */
  halfDayMinutesAt: { file: string; line: number };
  testPatients: { ordinary: TestPatient; coordination: TestPatient };
  blocks: CatalogueBlock[];
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TAG = /^@[\w-]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REQUIREMENT = /^[A-Z][A-Z0-9.]*-[A-Z0-9-]+$/;

/** Reads and checks the catalogue. @throws {DataFileError} */
export function readSessionCatalogue(root: DataNode): SessionCatalogue {
  const f = root.object(['halfDayMinutes', 'testPatients', 'blocks']);
  const patients = f.testPatients.object(['ordinary', 'coordination']);
  const patient = (n: DataNode): TestPatient => {
    const p = n.object(['personId', 'name']);
    return { personId: p.personId.string({ pattern: /^\d{12}$/, hint: 'write a personnummer as 12 digits without dash' }), name: p.name.string() };
  };
  const blocks: CatalogueBlock[] = [];
  const caseIds = new Set<string>();
  for (const node of f.blocks.list({ nonEmpty: true })) {
    const b = node.object(['id', 'title'], ['cases', 'breakMinutes']);
    const id = b.id.string({ pattern: ID, hint: 'an id is lower-case letters, digits and dashes' });
    if (blocks.some((x) => x.id === id)) b.id.fail(`the block id "${id}" is used twice`);
    if (!b.cases === !b.breakMinutes) node.fail(`the block "${id}" needs either "cases" or "breakMinutes" (a break), not ${b.cases ? 'both' : 'neither'}`);
    const cases = (b.cases?.list({ nonEmpty: true }) ?? []).map((c) => readCase(c));
    for (const c of cases) {
      if (caseIds.has(c.id)) node.fail(`the case id "${c.id}" is used twice`);
      caseIds.add(c.id);
    }
    blocks.push({ id, title: placeholderText(b.title), cases, ...(b.breakMinutes && { breakMinutes: b.breakMinutes.integer({ min: 1, max: 120 }) }) });
  }
  return {
    halfDayMinutes: f.halfDayMinutes.integer({ min: 30, max: 600 }),
    halfDayMinutesAt: { file: f.halfDayMinutes.file, line: f.halfDayMinutes.line },
    testPatients: { ordinary: patient(patients.ordinary), coordination: patient(patients.coordination) },
    blocks,
  };
}

function readCase(node: DataNode): CaseSpec {
  const kind = node.child('kind').string({ choices: ['automated', 'manual'] });
  const common = ['id', 'kind', 'title', 'minutes', 'requirements'] as const;
  const optional = ['when', 'forEach', 'maxCertificateTypes'] as const;
  if (kind === 'automated') {
    const f = node.object([...common], [...optional, 'anyTags', 'allTags', 'noTags', 'runner']);
    const tags = (n: DataNode | undefined) => (n ? n.list().map((t) => t.string({ pattern: TAG, hint: 'a tag starts with @, e.g. "@sign"' })) : []);
    const spec: AutomatedCaseSpec = { ...readCaseBase(node, f), kind: 'automated', anyTags: tags(f.anyTags), allTags: tags(f.allTags), noTags: tags(f.noTags) };
    if (f.runner) {
      spec.runner = f.runner.string({ choices: ['conformance'] }) as 'conformance';
      if (spec.anyTags.length || spec.allTags.length || spec.noTags.length) f.runner.fail('a conformance case runs the journal-system suite and picks no scenarios; leave out its tags');
      return spec;
    }
    if (!spec.anyTags.length && !spec.allTags.length) node.fail(`the automated case "${spec.id}" picks no scenarios; give "anyTags" or "allTags"`);
    if (f.forEach) f.forEach.fail('forEach is for manual cases; an automated case picks its scenarios by tag');
    return spec;
  }
  const f = node.object([...common, 'instructions', 'observe'], [...optional]);
  const base = readCaseBase(node, f);
  const observe = f.observe.list({ nonEmpty: true }).map((o) => readObservation(o));
  const spec: ManualCaseSpec = { ...base, kind: 'manual', instructions: placeholderText(f.instructions), observe };
  // A type or browser placeholder needs a case made per type or per browser.
  const texts = [spec.title, spec.instructions, ...observe.map((o) => o.description), ...observe.map((o) => JSON.stringify(o.traffic ?? {}))].join(' ');
  for (const [placeholder, forEach] of [['intygstyp', 'certificateType'], ['intygstypnamn', 'certificateType'], ['webblasare', 'browser']] as const) {
    if (texts.includes(`{${placeholder}}`) && spec.forEach !== forEach) node.fail(`the case "${spec.id}" uses {${placeholder}}, which needs "forEach": "${forEach}"`);
  }
  return spec;
}

type CaseFields = Record<'id' | 'title' | 'minutes' | 'requirements', DataNode> & Partial<Record<'when' | 'forEach' | 'maxCertificateTypes', DataNode>>;

function readCaseBase(node: DataNode, f: CaseFields): Omit<CaseBase, never> {
  const base: CaseBase = {
    id: f.id.string({ pattern: ID, hint: 'an id is lower-case letters, digits and dashes' }),
    title: placeholderText(f.title),
    minutes: f.minutes.integer({ min: 1, max: 120 }),
    requirements: f.requirements.list().map((r) => r.string({ pattern: REQUIREMENT, hint: 'a requirement id looks like JR-L01 (integration-requirements §1) or GE-003' })),
    line: node.line,
    ...(f.when && { when: readConditions(f.when) }),
    ...(f.forEach && { forEach: f.forEach.string({ choices: ['certificateType', 'browser'] }) as CaseBase['forEach'] }),
    ...(f.maxCertificateTypes && { maxCertificateTypes: f.maxCertificateTypes.integer({ min: 1, max: 14 }) }),
  };
  if (f.maxCertificateTypes && base.forEach !== 'certificateType') f.maxCertificateTypes.fail('maxCertificateTypes only applies with "forEach": "certificateType"');
  return base;
}

function readObservation(node: DataNode): Observation {
  const f = node.object(['description'], ['traffic', 'person']);
  if (!f.traffic === !f.person) node.fail('an observation is either "traffic" (seen on the wire) or "person": true (someone answers)');
  if (f.person && !f.person.boolean()) f.person.fail('"person" can only be true; leave it out otherwise');
  return { description: placeholderText(f.description), ...(f.traffic ? { traffic: readTraffic(f.traffic) } : { person: true }) };
}

function readTraffic(node: DataNode): TrafficExpectation {
  const f = node.object([], ['side', 'fromParty', 'toParty', 'operation', 'outcomes', 'eventCode', 'logicalAddress', 'personId', 'requestContains', 'minAttempt', 'launch']);
  const out: TrafficExpectation = {};
  if (f.side) out.side = f.side.string({ choices: ['inbound', 'outbound'] }) as ExchangeSide;
  if (f.fromParty) out.fromParty = f.fromParty.string();
  if (f.toParty) out.toParty = f.toParty.string();
  if (f.operation) {
    out.operation = f.operation.string();
    try {
      new RegExp(out.operation);
    } catch (error) {
      f.operation.fail(`"${out.operation}" is not a regular expression: ${(error as Error).message}`);
    }
  }
  if (f.outcomes) out.outcomes = f.outcomes.list({ nonEmpty: true }).map((o) => o.string({ choices: ['ok', 'error', 'transport-error'] }) as ExchangeOutcome);
  if (f.eventCode) out.eventCode = f.eventCode.string({ choices: ['SKAPAT', 'ANDRAT', 'KFSIGN', 'SIGNAT', 'SKICKA', 'RADERA', 'MAKULE', 'NYFRFM', 'NYSVFM', 'NYFRFV', 'HANFRFM', 'HANFRFV'] });
  if (f.logicalAddress) out.logicalAddress = placeholderText(f.logicalAddress);
  if (f.personId) out.personId = placeholderText(f.personId);
  if (f.requestContains) out.requestContains = placeholderText(f.requestContains);
  if (f.minAttempt) out.minAttempt = f.minAttempt.integer({ min: 1, max: 30 });
  if (f.launch) out.launch = f.launch.boolean();
  if (!Object.keys(out).some((k) => k !== 'launch')) node.fail('a traffic observation needs at least one field to match (side, toParty, operation …)');
  return out;
}

function readConditions(node: DataNode): CaseConditions {
  const f = node.object([], ['eidAppPackage', 'embeddedBrowser', 'pinSso', 'netIdIe11', 'sessionDateBefore', 'sessionDateFrom', 'journal']);
  const out: CaseConditions = {};
  if (f.eidAppPackage) out.eidAppPackage = f.eidAppPackage.list({ nonEmpty: true }).map((p) => p.string({ choices: EID_APP_PACKAGES }) as EidAppPackage);
  if (f.embeddedBrowser) out.embeddedBrowser = f.embeddedBrowser.boolean();
  if (f.pinSso) out.pinSso = f.pinSso.boolean();
  if (f.netIdIe11) out.netIdIe11 = f.netIdIe11.boolean();
  if (f.sessionDateBefore) out.sessionDateBefore = f.sessionDateBefore.string({ pattern: DAY, hint: 'write a day as 2023-07-01' });
  if (f.sessionDateFrom) out.sessionDateFrom = f.sessionDateFrom.string({ pattern: DAY, hint: 'write a day as 2023-07-01' });
  if (f.journal) out.journal = f.journal.string({ choices: ['sim', 'external'] }) as CaseConditions['journal'];
  return out;
}

/** A text whose `{placeholders}` must all be known ones. */
function placeholderText(node: DataNode): string {
  const text = node.string();
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) node.fail(`unknown placeholder {${m[1]}} in ${node.name}`, PLACEHOLDERS.map((p) => `{${p}}`));
  }
  return text;
}
