/**
 * SendMessageToRecipient v2 (responder XSD 2.1), the message Webcert queues to Intygstjänsten for
 * a question or an answer from care (SendMessageToRecipientTypeBuilder): the final recipient in
 * `logiskAdressMottagare` (Webcert's `sendmessagetofk.logicaladdress`), the user as `skickatAv`.
 */
import {
  CORE_NS,
  KV_AMNE,
  SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS as NS,
  TYPES_NS,
  personIdRoot,
} from '../../kit/contracts/contracts.js';
import { textElement as t } from '../../kit/xml/xmlText.js';
import type { ActingUser } from '../message/intygstjanstMessages.js';
import { hosPersonalXml } from '../message/intygXml.js';
import { AMNE_DISPLAY_NAMES } from '../message/statusUpdateMessage.js';
import { stockholmTimestamp } from '../message/stockholmTime.js';
import type { Certificate } from '../model/certificate.js';
import type { Arende } from './arende.js';

const ii = (name: string, root: string, extension: string) => `<${name}>${t('types:root', root)}${t('types:extension', extension)}</${name}>`;

/** The SendMessageToRecipient element for `arende` on `certificate`, sent by `by` to `logicalAddress`. */
export function buildSendMessageToRecipient(certificate: Certificate, arende: Arende, answered: Arende | undefined, by: ActingUser, logicalAddress: string): string {
  const amneDisplay = AMNE_DISPLAY_NAMES[arende.amne];
  return (
    `<ns2:SendMessageToRecipient xmlns:ns2="${NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">` +
    t('ns2:meddelande-id', arende.meddelandeId) +
    (arende.referensId ? t('ns2:referens-id', arende.referensId) : '') +
    t('ns2:skickatTidpunkt', stockholmTimestamp(arende.skickatTidpunkt)) +
    ii('ns2:intygs-id', certificate.unit.hsaId, certificate.id) +
    ii('ns2:patientPerson-id', personIdRoot(certificate.patient.personId), certificate.patient.personId) +
    t('ns2:logiskAdressMottagare', logicalAddress) +
    `<ns2:amne>${t('types:code', arende.amne)}${t('types:codeSystem', KV_AMNE)}${amneDisplay ? t('types:displayName', amneDisplay) : ''}</ns2:amne>` +
    (arende.rubrik ? t('ns2:rubrik', arende.rubrik) : '') +
    t('ns2:meddelande', arende.meddelande) +
    (answered
      ? `<ns2:svarPa>${t('core:meddelande-id', answered.meddelandeId)}${answered.referensId ? t('core:referens-id', answered.referensId) : ''}</ns2:svarPa>`
      : '') +
    hosPersonalXml('ns2:skickatAv', by.staff, by.unit) +
    '</ns2:SendMessageToRecipient>'
  );
}
