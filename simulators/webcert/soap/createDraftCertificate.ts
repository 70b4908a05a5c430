/**
 * Webcert's CreateDraftCertificate v3 endpoint (`/services/create-draft-certificate/v3.0`),
 * validating in Webcert's order: the user from HSA, the fields (the person id as Webcert checks
 * it), the commission on the unit, the patient in PU (reachable, found: a reservnummer is not),
 * then the type rules: the type exists, protected identity and deceased patient (patientRules.ts),
 * the uniqueness of DB and DOI (createDraftRules.ts). The draft's patient is PU's; on
 * success the 3.3 `forifyllnad` is applied for the types that take it (LISJP), the unit becomes
 * "integrated" and SKAPAT goes out. Like Webcert (whose CXF setup rewrites SOAP faults), every
 * refusal is a ResultType ERROR; a uniqueness warning is INFO with the new draft's id.
 */
import { timeOrderedUuid } from '../../kit/sqlite/timeOrderedUuid.js';
import type { RequestHandler } from 'msw';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { OK, type Result } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import type { Directory } from '../directory/directory.js';
import type { PuPerson } from '../directory/populationRegister.js';
import { webcertPersonIdCheck } from '../directory/personId.js';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { CertificateStore } from '../drafts/certificateStore.js';
import { draftCreationVerdict } from '../drafts/createDraftRules.js';
import { patientRefusals, puRefusal } from '../drafts/patientRules.js';
import { applyPrefill } from '../drafts/draftPrefill.js';
import { stockholmDate } from '../message/stockholmTime.js';
import type { Patient } from '../model/certificate.js';
import { certificateTypeByCode } from '../model/certificateTypes.js';
import {
  CREATE_DRAFT_FIELDS,
  createDraftFacts,
  createDraftFactsFromFields,
  createDraftRequestFromFields,
  CREATE_DRAFT_NS,
  readCreateDraftRequest,
  type CreateDraftRequest,
} from './createDraftCertificateRequest.js';

/** Path under Webcert's base URL, as in Webcert's CxfEndpointConfig. */
export const CREATE_DRAFT_PATH = '/services/create-draft-certificate/v3.0';

export interface CreateDraftDependencies {
  clock: Clock;
  directory: Directory;
  store: CertificateStore;
  integratedUnits: Set<string>;
  faults?: FaultRules;
}

const TYPES_NS = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';

function requireFields(r: CreateDraftRequest): void {
  const missing: string[] = [];
  if (!r.typeCode) missing.push('typAvIntyg/code');
  if (!r.efternamn) missing.push('patient/efternamn');
  if (!r.fornamn) missing.push('patient/fornamn (at least one förnamn)');
  if (!r.personId) missing.push('patient/person-id/extension');
  if (!r.staffHsaId) missing.push('skapadAv/personal-id/extension');
  if (!r.staffFullName) missing.push('skapadAv/fullstandigtNamn');
  if (!r.unitHsaId) missing.push('skapadAv/enhet/enhets-id/extension');
  if (!r.unitName) missing.push('skapadAv/enhet/enhetsnamn');
  if (missing.length) throw new SoapRequestError(`Validation Error(s) found: ${missing.map((m) => `${m} is missing or empty`).join('; ')}`);
}

/** The patient fields of PU's person, as a draft keeps them. */
function patientOf(p: PuPerson): Patient {
  return {
    personId: p.personId,
    fornamn: p.fornamn,
    ...(p.mellannamn ? { mellannamn: p.mellannamn } : {}),
    efternamn: p.efternamn,
    postadress: p.postadress,
    postnummer: p.postnummer,
    postort: p.postort,
  };
}

/** The msw handler serving CreateDraftCertificate v3 for one Webcert simulator. */
export function createDraftCertificateHandler(deps: CreateDraftDependencies): RequestHandler {
  return soapOperationHandler({
    party: 'webcert',
    operation: 'CreateDraftCertificate',
    path: CREATE_DRAFT_PATH,
    requestNs: CREATE_DRAFT_NS,
    requestElement: 'CreateDraftCertificate',
    responseNs: CREATE_DRAFT_NS,
    responseElement: 'CreateDraftCertificateResponse',
    badInput: 'resultType',
    requireLogicalAddress: true,
    faults: deps.faults,
    facts: createDraftFacts,
    // Read by the bounded scan (0016, 0033); a request it leaves undecided is read into a DOM.
    lean: { fields: CREATE_DRAFT_FIELDS, facts: createDraftFactsFromFields },
    handle: (context) => {
      const r = context.fields ? createDraftRequestFromFields(context.fields, () => context.payload) : readCreateDraftRequest(context.payload);
      const staff = r.staffHsaId ? deps.directory.staffMember(r.staffHsaId) : undefined;
      if (!staff) {
        throw new SoapRequestError(`No valid MIU was found for person ${r.staffHsaId ?? '(no personal-id)'}: HSA knows no such person with a commission`);
      }
      requireFields(r);
      const pid = webcertPersonIdCheck(r.personId!.trim());
      if (pid.errors.length) throw new SoapRequestError(pid.errors.join(', '));
      if (!deps.directory.hasCommission(staff.hsaId, r.unitHsaId!)) {
        throw new SoapRequestError(`No valid MIU was found for person ${staff.hsaId} on unit ${r.unitHsaId}: the user has no "Vård och behandling" commission there`);
      }
      const unit = deps.directory.careUnit(r.unitHsaId!);
      if (!unit) throw new SoapRequestError(`Unit ${r.unitHsaId} is not in HSA`, 'APPLICATION_ERROR');
      const pu = deps.directory.populationRegister.lookup(pid.normalised!);
      const notInPu = puRefusal(pu);
      if (notInPu) throw new SoapRequestError(notInPu, 'APPLICATION_ERROR');
      const type = certificateTypeByCode(r.typeCode!);
      if (!type) throw new SoapRequestError(`Certificate type ${r.typeCode} is not known to Webcert`, 'APPLICATION_ERROR');
      const person = pu.status === 'FOUND' ? pu.person : undefined;
      const refusals = patientRefusals(type, person, staff);
      if (refusals.length) throw new SoapRequestError(refusals.join(', '), 'APPLICATION_ERROR');
      // The draft's patient comes from PU; for a vendor's own test patient PU stands in with the request's data.
      const patient: Patient = person ? patientOf(person) : {
        personId: pid.normalised!,
        fornamn: r.fornamn!,
        ...(r.mellannamn ? { mellannamn: r.mellannamn } : {}),
        efternamn: r.efternamn!,
        postadress: r.postadress ?? '',
        postnummer: r.postnummer ?? '',
        postort: r.postort ?? '',
      };
      const verdict = draftCreationVerdict(type, deps.store.list({ personId: patient.personId }), unit);
      if (verdict?.resultCode === 'ERROR') throw new SoapRequestError(verdict.resultText, 'APPLICATION_ERROR');
      const prefill = applyPrefill(type, r.forifyllnad, { today: stockholmDate(deps.clock.now()), patientPersonId: patient.personId });
      deps.integratedUnits.add(unit.hsaId);
      const certificate = deps.store.create({
        id: timeOrderedUuid(),
        typeCode: type.code,
        typeVersion: type.latestVersion,
        unit,
        issuedBy: staff,
        patient,
        ref: r.ref?.trim() || undefined,
        ...(prefill ? { answers: prefill.answers, complete: prefill.complete } : {}),
      });
      const result: Result = verdict ? { resultCode: 'INFO', resultText: verdict.resultText } : OK;
      const prefillNote = prefill
        ? `forifyllnad: ${prefill.answers.length} svar applied${prefill.ignored.length ? `, ignored ${prefill.ignored.join(', ')}` : ''}`
        : r.forifyllnad?.length ? `forifyllnad ignored: CREATE_DRAFT_PREFILL is not on for ${type.code}` : undefined;
      return {
        result,
        beforeResult: `<tns:intygs-id xmlns:tns="${CREATE_DRAFT_NS}" xmlns:types="${TYPES_NS}"><types:root>${xmlEscape(unit.hsaId)}</types:root><types:extension>${certificate.id}</types:extension></tns:intygs-id>`,
        notes: { certificateId: certificate.id, ...(prefillNote ? { message: prefillNote } : {}) },
      };
    },
  });
}

