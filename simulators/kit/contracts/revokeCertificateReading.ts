/**
 * Reading a RevokeCertificate v2 request, as Intygstjänsten and the recipients both do: from the DOM,
 * and on the lean path (docs/decisions/0016-lean-soap-path.md, 0047) from the bounded envelope
 * scan's fields, with the same values.
 */
import type { Element } from '@xmldom/xmldom';
import type { FieldPaths, ScannedFields } from '../soap/envelopeScan.js';
import { childElement, childText } from '../xml/dom.js';
import { REVOKE_CERTIFICATE_RESPONDER_NS as NS, TYPES_NS } from './namespaces.js';

/** Certificate id, person (its digits) and reason of a RevokeCertificate, text trimmed. */
export interface RevokeCertificateReading {
  certificateId?: string;
  personId?: string;
  meddelande?: string;
}

/** A RevokeCertificate's {@link RevokeCertificateReading} from its DOM payload. */
export function readRevokeCertificate(payload: Element): RevokeCertificateReading {
  const id = childElement(payload, NS, 'intygs-id');
  const pid = childElement(payload, NS, 'patientPerson-id');
  return {
    certificateId: id ? childText(id, TYPES_NS, 'extension') : undefined,
    personId: pid ? childText(pid, TYPES_NS, 'extension')?.replace(/\D/g, '') : undefined,
    meddelande: childText(payload, NS, 'meddelande'),
  };
}

/** The elements {@link readRevokeCertificate} reads, as paths for the lean envelope scan. */
export const REVOKE_CERTIFICATE_FIELDS: FieldPaths = {
  certificateId: [[NS, 'intygs-id'], [TYPES_NS, 'extension']],
  personId: [[NS, 'patientPerson-id'], [TYPES_NS, 'extension']],
  meddelande: [[NS, 'meddelande']],
};

/** {@link readRevokeCertificate} from the scanned fields: the same values. */
export function readRevokeCertificateFields(fields: ScannedFields): RevokeCertificateReading {
  return {
    certificateId: fields.certificateId?.trim(),
    personId: fields.personId?.trim().replace(/\D/g, ''),
    meddelande: fields.meddelande?.trim(),
  };
}
