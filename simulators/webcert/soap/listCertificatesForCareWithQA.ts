/**
 * Webcert's ListCertificatesForCareWithQA v3 endpoint (`/services/list-certificates-for-care-with-qa/v3.0`):
 * what a journal system calls to catch up after a status update was lost. For the patient and the
 * units (or the care provider) asked about, every certificate with events, each with its events as
 * the status updates carried them (code, tidpunkt, ämne and last answer date for NYFRFM, hanteratAv),
 * its question counts as they are now, and the journal's `ref` (ListCertificatesForCareWithQAResponderImpl,
 * HandelseFactory). A request without person-id, or without both enhets-id and vardgivar-id, is
 * refused with a SOAP fault, as Webcert's IllegalArgumentException is.
 */
import type { Element } from '@xmldom/xmldom';
import type { RequestHandler } from 'msw';
import {
  CORE_EXT_3_4_NS,
  CORE_NS,
  LIST_CERTIFICATES_FOR_CARE_WITH_QA_RESPONDER_NS as NS,
  TYPES_NS,
} from '../../kit/contracts/contracts.js';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import { childElement, childElements, childText } from '../../kit/xml/dom.js';
import { textElement as t } from '../../kit/xml/xmlText.js';
import type { CertificateStore } from '../drafts/certificateStore.js';
import { buildIntygXml } from '../message/intygXml.js';
import type { Certificate } from '../model/certificate.js';
import type { Notification } from '../notification/notification.js';
import { arendeCounts } from '../questions/arende.js';
import type { Arenden } from '../message/statusUpdateMessage.js';
import { parseStockholmDateTime } from '../message/stockholmTime.js';

/** Path under Webcert's base URL (CxfEndpointConfig). */
export const LIST_CERTIFICATES_FOR_CARE_WITH_QA_PATH = '/services/list-certificates-for-care-with-qa/v3.0';

/** What the journal system asked for. */
export interface CatchUpRequest {
  personId: string;
  unitIds: string[];
  careProviderId?: string;
  /**
   * Epoch ms, inclusive. `fromTidpunkt`/`tomTidpunkt` without a zone are Swedish local time (Webcert
   * runs in Europe/Stockholm), like the `tidpunkt` of the events they are compared with.
   */
  from?: number;
  to?: number;
}

/**
 * Reads the request payload.
 * @throws SoapRequestError (a SOAP fault) for a missing person-id, no unit or care provider, or a
 * window bound that is not an xs:dateTime.
 */
export function readCatchUpRequest(payload: Element): CatchUpRequest {
  const ext = (e: Element | undefined) => (e ? childText(e, TYPES_NS, 'extension')?.trim() : undefined);
  const personId = ext(childElement(payload, NS, 'person-id'))?.replace(/\D/g, '');
  const unitIds = childElements(payload, NS, 'enhets-id').map((e) => ext(e)).filter((x): x is string => !!x);
  const careProviderId = ext(childElement(payload, NS, 'vardgivar-id'));
  if (!personId) throw new SoapRequestError('ListCertificatesForCareWithQA needs person-id/extension');
  if (!unitIds.length && !careProviderId) throw new SoapRequestError('ListCertificatesForCareWithQA needs enhets-id or vardgivar-id');
  const time = (name: string) => {
    const text = childText(payload, NS, name)?.trim();
    if (!text) return undefined;
    const ms = parseStockholmDateTime(text);
    if (Number.isNaN(ms)) throw new SoapRequestError(`${name} "${text}" is not an xs:dateTime (YYYY-MM-DDThh:mm:ss, Swedish local time unless a zone is given)`);
    return ms;
  };
  return { personId, unitIds, careProviderId, from: time('fromTidpunkt'), to: time('tomTidpunkt') };
}

/** The `handelse` of a stored status update, as its core children, and its `hanteratAv`. */
function handelseOf(envelope: string): { inner: string; tidpunkt: string; hanteratAv?: string } | undefined {
  const h = /<tns:handelse>([\s\S]*?)<\/tns:handelse>/.exec(envelope);
  if (!h) return undefined;
  const inner = h[1] ?? '';
  const tidpunkt = /<core:tidpunkt>([^<]*)<\/core:tidpunkt>/.exec(inner)?.[1] ?? '';
  const hanteratAv = /<m1:hanteratAv>[\s\S]*?<types:extension>([^<]*)<\/types:extension>[\s\S]*?<\/m1:hanteratAv>/.exec(envelope)?.[1];
  return { inner, tidpunkt, hanteratAv };
}

function arendenXml(name: string, a: Arenden): string {
  return `<tns:${name}>${t('core:totalt', String(a.totalt))}${t('core:ejBesvarade', String(a.ejBesvarade))}${t('core:besvarade', String(a.besvarade))}${t('core:hanterade', String(a.hanterade))}</tns:${name}>`;
}

/** The `list` element for `request`: certificates oldest first, events in the order they were sent. */
export function buildCatchUpList(request: CatchUpRequest, store: CertificateStore, notifications: (certificateId: string) => Notification[]): string {
  const certificates = store.list({
    personId: request.personId,
    ...(request.unitIds.length ? { unitIds: request.unitIds } : {}),
    ...(request.careProviderId ? { careProviderId: request.careProviderId } : {}),
  });
  const items = certificates
    .filter((c: Certificate) => c.status !== 'DELETED')
    .map((c) => {
      const events = notifications(c.id)
        .map((n) => handelseOf(n.envelope))
        .filter((h): h is NonNullable<typeof h> => {
          if (!h) return false;
          const at = parseStockholmDateTime(h.tidpunkt);
          return (request.from === undefined || at >= request.from) && (request.to === undefined || at <= request.to);
        });
      if (!events.length) return '';
      const { skickadeFragor, mottagnaFragor } = arendeCounts(c.arenden ?? []);
      const handelser = events
        .map((h) => `<tns:handelse>${h.inner}${h.hanteratAv ? `<m2:hanteratAv>${t('types:root', '1.2.752.129.2.1.4.1')}${t('types:extension', h.hanteratAv)}</m2:hanteratAv>` : ''}</tns:handelse>`)
        .join('');
      return (
        '<tns:item>' +
        buildIntygXml(c, { elementNamespace: NS, elementPrefix: 'tns', declareNamespaces: false }) +
        `<tns:handelser>${handelser}</tns:handelser>` +
        arendenXml('skickadeFragor', skickadeFragor) +
        arendenXml('mottagnaFragor', mottagnaFragor) +
        (c.ref !== undefined ? t('tns:ref', c.ref) : '') +
        '</tns:item>'
      );
    })
    .join('');
  return `<tns:list xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}" xmlns:m2="${CORE_EXT_3_4_NS}">${items}</tns:list>`;
}

export function listCertificatesForCareWithQAHandler(deps: { store: CertificateStore; notifications(certificateId: string): Notification[]; faults?: FaultRules }): RequestHandler {
  return soapOperationHandler({
    party: 'webcert',
    operation: 'ListCertificatesForCareWithQA',
    path: LIST_CERTIFICATES_FOR_CARE_WITH_QA_PATH,
    requestNs: NS,
    requestElement: 'ListCertificatesForCareWithQA',
    responseNs: NS,
    responseElement: 'ListCertificatesForCareWithQAResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    faults: deps.faults,
    facts: (payload, logicalAddress) => {
      const pid = childElement(payload, NS, 'person-id');
      return { logicalAddress, personId: pid ? childText(pid, TYPES_NS, 'extension')?.replace(/\D/g, '') : undefined };
    },
    handle: ({ payload }) => ({ result: OK, responseContent: buildCatchUpList(readCatchUpRequest(payload), deps.store, deps.notifications) }),
  });
}
