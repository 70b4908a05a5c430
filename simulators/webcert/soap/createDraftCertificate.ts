/**
 * Webcert's CreateDraftCertificate v3 endpoint (`/services/create-draft-certificate/v3.0`),
 * validating in Webcert's order: the user from HSA, the fields, the commission on the unit, the
 * patient in PU, then type rules; on success the unit becomes "integrated" and SKAPAT goes out.
 * Like Webcert (whose CXF setup rewrites SOAP faults), every refusal is a ResultType ERROR.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'msw';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { OK, type Result } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import type { Directory } from '../directory/directory.js';
import { checkPersonId } from '../directory/personId.js';
import type { CertificateStore } from '../drafts/certificateStore.js';
import type { Patient } from '../model/certificate.js';
import { certificateTypeByCode } from '../model/certificateTypes.js';
import { createDraftFacts, CREATE_DRAFT_NS, readCreateDraftRequest, type CreateDraftRequest } from './createDraftCertificateRequest.js';

/** Path under Webcert's base URL, as in Webcert's CxfEndpointConfig. */
export const CREATE_DRAFT_PATH = '/services/create-draft-certificate/v3.0';

export interface CreateDraftDependencies {
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
    handle: ({ payload }) => {
      const r = readCreateDraftRequest(payload);
      const staff = r.staffHsaId ? deps.directory.staffMember(r.staffHsaId) : undefined;
      if (!staff) {
        throw new SoapRequestError(`No valid MIU was found for person ${r.staffHsaId ?? '(no personal-id)'}: HSA knows no such person with a commission`);
      }
      requireFields(r);
      const pid = checkPersonId(r.personId!);
      if (!pid.valid) throw new SoapRequestError(`Validation Error(s) found: ${pid.problem}`);
      if (!deps.directory.hasCommission(staff.hsaId, r.unitHsaId!)) {
        throw new SoapRequestError(`No valid MIU was found for person ${staff.hsaId} on unit ${r.unitHsaId}: the user has no "Vård och behandling" commission there`);
      }
      const unit = deps.directory.careUnit(r.unitHsaId!);
      if (!unit) throw new SoapRequestError(`Unit ${r.unitHsaId} is not in HSA`, 'APPLICATION_ERROR');
      let patient: Patient | undefined = deps.directory.patient(pid.normalised!);
      if (!patient) {
        if (deps.directory.data.unknownPatients === 'refuse') {
          throw new SoapRequestError(`The patient ${pid.normalised} was not found in PU (a reservnummer cannot be used)`, 'APPLICATION_ERROR');
        }
        patient = {
          personId: pid.normalised!,
          fornamn: r.fornamn!,
          mellannamn: r.mellannamn,
          efternamn: r.efternamn!,
          postadress: r.postadress ?? '',
          postnummer: r.postnummer ?? '',
          postort: r.postort ?? '',
        };
      }
      const type = certificateTypeByCode(r.typeCode!);
      if (!type) throw new SoapRequestError(`Certificate type ${r.typeCode} is not known to Webcert`, 'APPLICATION_ERROR');
      // Indexed lookups (patient, type, care provider, status): as fast with 200,000 certificates stored as with 20.
      const earlier = { personId: patient.personId, typeCode: type.code, excludeStatuses: ['DELETED' as const] };
      const existingDb = type.code === 'DB' ? deps.store.list(earlier, { limit: 1 })[0] : undefined;
      if (existingDb) {
        throw new SoapRequestError(`A dödsbevis (DB) already exists for patient ${patient.personId} (${existingDb.id}); DB is unique per patient`, 'APPLICATION_ERROR');
      }
      const sameProvider = deps.store.count({ ...earlier, careProviderId: unit.careProvider.hsaId });
      deps.integratedUnits.add(unit.hsaId);
      const certificate = deps.store.create({
        id: randomUUID(),
        typeCode: type.code,
        typeVersion: type.latestVersion,
        unit,
        issuedBy: staff,
        patient,
        ref: r.ref?.trim() || undefined,
      });
      const result: Result = sameProvider
        ? { resultCode: 'INFO', resultText: `Det finns ${sameProvider} tidigare ${type.code}-intyg/utkast för patienten inom vårdgivaren` }
        : OK;
      return {
        result,
        beforeResult: `<tns:intygs-id xmlns:tns="${CREATE_DRAFT_NS}" xmlns:types="${TYPES_NS}"><types:root>${xmlEscape(unit.hsaId)}</types:root><types:extension>${certificate.id}</types:extension></tns:intygs-id>`,
        notes: { certificateId: certificate.id },
      };
    },
  });
}

