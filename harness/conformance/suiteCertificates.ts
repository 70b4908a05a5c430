/**
 * The certificates the conformance suite has Webcert report on: fresh ids every run, units and the
 * doctor from the topology's directory, the patient kinds a journal must handle, and for each
 * event the certificate as Webcert holds it at that moment (signed from SIGNAT on, sent from
 * SKICKA on).
 */
import { randomUUID } from 'node:crypto';
import type { DirectoryData } from '../../simulators/webcert/directory/directory.js';
import type { CareUnit, Certificate, Patient, StaffMember, Svar } from '../../simulators/webcert/model/certificate.js';
import { requireCertificateType } from '../../simulators/webcert/model/certificateTypes.js';
import type { HandelseKod } from '../../simulators/webcert/message/statusUpdateMessage.js';
import type { CertificateSpec, PatientKind } from './requirementTypes.js';
import { withDerivedRole } from '../../simulators/webcert/directory/hsaRole.js';

/** A patient with a samordningsnummer (day 69 = the 9th + 60), valid check digit. */
const SAMORDNINGSNUMMER_PATIENT: Patient = {
  personId: '198009692388',
  fornamn: 'Sam',
  efternamn: 'Ordningsson',
  postadress: 'Tillfälliga vägen 1',
  postnummer: '12345',
  postort: 'Testby',
};

/**
 * A patient with protected identity as Webcert writes him or her in a status update for LISJP,
 * LUSE, LUAE_NA and LUAE_FS (NotificationPatientEnricher): surname "Skyddade personuppgifter",
 * the other name and address fields empty.
 */
const PROTECTED_IDENTITY_PATIENT: Patient = {
  personId: '195012142385',
  fornamn: '',
  efternamn: 'Skyddade personuppgifter',
  postadress: '',
  postnummer: '',
  postort: '',
};

const ORDINARY_PATIENT: Patient = {
  personId: '191212121212',
  fornamn: 'Tolvan',
  efternamn: 'Tolvansson',
  postadress: 'Svensson, Storgatan 2',
  postnummer: '12345',
  postort: 'Testby',
};

/** LISJP answers as an autosaved draft has them (text, coded value, date period). */
const LISJP_ANSWERS: Svar[] = [
  { id: '1', instans: 1, delsvar: [{ id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001', displayName: 'min undersökning av patienten' } } }, { id: '1.2', value: '2026-03-02' }] },
  { id: '32', instans: 1, delsvar: [{ id: '32.1', value: { cv: { code: 'HELT_NEDSATT', codeSystem: 'KV_FKMU_0003', displayName: '100 procent' } } }, { id: '32.2', value: { datePeriod: { start: '2026-03-02', end: '2026-03-15' } } }] },
  { id: '25', delsvar: [{ id: '25.1', value: 'Övrigt: "ont" i knä <vänster> & höger' }] },
];

/** Who issues the suite's certificates, from the topology's directory. */
export interface SuiteParties {
  units: CareUnit[];
  doctor: StaffMember;
}

/**
 * The units and a doctor (läkare with a commission on the first unit) of `directory`.
 * @throws Error when the directory has no unit or no such doctor.
 */
export function suiteParties(directory: DirectoryData): SuiteParties {
  const first = directory.careUnits[0];
  if (!first) throw new Error('The topology\'s directory has no care unit; the conformance suite needs at least one (two to vary the LogicalAddress).');
  const doctor = directory.staff.map(withDerivedRole).find((s) => s.role === 'LAKARE' && s.commissions.includes(first.hsaId));
  if (!doctor) throw new Error(`The topology's directory has no läkare with a commission on ${first.hsaId}; the conformance suite needs one to issue its certificates.`);
  return { units: directory.careUnits, doctor };
}

function patientOf(kind: PatientKind | undefined): Patient {
  switch (kind ?? 'personnummer') {
    case 'personnummer':
      return { ...ORDINARY_PATIENT };
    case 'samordningsnummer':
      return { ...SAMORDNINGSNUMMER_PATIENT };
    case 'protected-identity':
      return { ...PROTECTED_IDENTITY_PATIENT };
    default:
      throw new Error(`Unknown patient kind "${String(kind)}": use personnummer, samordningsnummer or protected-identity.`);
  }
}

/** A new draft for `spec`, with a fresh id; `name` makes the default ref. */
export function newSuiteCertificate(name: string, spec: CertificateSpec, parties: SuiteParties, createdAt: number): Certificate {
  const type = requireCertificateType(spec.type ?? 'LISJP');
  const unit = parties.units[spec.unit ?? 0];
  if (!unit) throw new Error(`Certificate "${name}" wants unit ${spec.unit} but the directory has ${parties.units.length} unit(s); add a unit to the topology or use another index.`);
  return {
    id: randomUUID(),
    typeCode: type.code,
    typeVersion: type.latestVersion,
    unit,
    issuedBy: parties.doctor,
    patient: patientOf(spec.patient),
    ref: spec.ref === null ? undefined : (spec.ref ?? `samverkan-${name}`),
    status: 'DRAFT_INCOMPLETE',
    createdAt,
    answers: [],
    version: 1,
  };
}

/** When the certificate was signed and sent in its requirement, if it was. */
export interface CertificateTimeline {
  signedAt?: number;
  sentAt?: number;
}

const DRAFT_EVENTS: ReadonlySet<string> = new Set(['SKAPAT', 'ANDRAT', 'KFSIGN', 'RADERA']);

/**
 * The certificate as Webcert holds it when `event` happens at `eventTime`: a new draft has no
 * answers, an edited one has; from SIGNAT on it is signed (at its SIGNAT, or before this event
 * when the requirement has none), from SKICKA on sent.
 */
export function certificateAt(base: Certificate, event: HandelseKod, eventTime: number, timeline: CertificateTimeline): Certificate {
  const answers = event === 'SKAPAT' || base.typeCode !== 'LISJP' ? [] : LISJP_ANSWERS;
  if (DRAFT_EVENTS.has(event)) {
    return { ...base, answers, status: event === 'KFSIGN' ? 'DRAFT_COMPLETE' : event === 'RADERA' ? 'DELETED' : 'DRAFT_INCOMPLETE' };
  }
  const signedAt = timeline.signedAt !== undefined && timeline.signedAt <= eventTime ? timeline.signedAt : eventTime - (event === 'SIGNAT' ? 0 : 60_000);
  const sentAt = event === 'SKICKA' ? eventTime : timeline.sentAt !== undefined && timeline.sentAt <= eventTime ? timeline.sentAt : undefined;
  const type = requireCertificateType(base.typeCode);
  return {
    ...base,
    answers,
    status: event === 'MAKULE' ? 'REVOKED' : 'SIGNED',
    signedAt,
    sentAt,
    sentTo: sentAt === undefined ? undefined : type.defaultRecipient,
    revokedAt: event === 'MAKULE' ? eventTime : undefined,
  };
}
