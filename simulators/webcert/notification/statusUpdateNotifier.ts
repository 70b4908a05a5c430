/**
 * What Webcert tells a journal system about a certificate event: a CertificateStatusUpdateForCare
 * for an integrated unit, ANDRAT held for its batch (the aggregator) and built from the certificate
 * as it is when it leaves, the question counts only for the events that carry them.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { Directory } from '../directory/directory.js';
import type { CertificateEventCode, CertificateStore, EventDetails } from '../drafts/certificateStore.js';
import { buildCertificateStatusUpdate } from '../message/statusUpdateMessage.js';
import type { Certificate } from '../model/certificate.js';
import { arendeCounts, EVENTS_WITH_COUNTS } from '../questions/arende.js';
import type { AndratAggregator } from './andratAggregator.js';
import type { NotificationSender } from './notificationSender.js';
import { withStatusUpdatePatient } from './notificationPatient.js';

/** The parts of Webcert a status update is made from. */
export interface StatusUpdateNotifierDeps {
  clock: Clock;
  store: CertificateStore;
  directory: Directory;
  integratedUnits: Set<string>;
  aggregator: AndratAggregator;
  sender: NotificationSender;
}

/** Makes and sends the status update of a certificate event (nothing for a unit that is not integrated). */
export function notifyJournalSystem(deps: StatusUpdateNotifierDeps, certificate: Certificate, eventCode: CertificateEventCode, handledBy?: string, details?: EventDetails): void {
  if (!deps.integratedUnits.has(certificate.unit.hsaId)) return;
  const eventTime = deps.clock.now();
  deps.aggregator.offer({
    certificateId: certificate.id,
    eventCode,
    eventTime,
    emit: () => {
      // An ANDRAT held for the batch tick is built from the certificate as it is then.
      const current = deps.store.get(certificate.id) ?? certificate;
      deps.sender.send({
        certificateId: current.id,
        eventCode,
        logicalAddress: current.unit.hsaId,
        personId: current.patient.personId,
        payloadXml: buildCertificateStatusUpdate({
          certificate: withStatusUpdatePatient(current, deps.directory.populationRegister),
          eventCode,
          eventTime,
          ref: current.ref,
          handledBy,
          amne: details?.amne,
          sistaDatumForSvar: details?.sistaDatumForSvar,
          // Counted only for the question events and MAKULE (NotificationMessageFactoryImpl); zero otherwise.
          ...(EVENTS_WITH_COUNTS.includes(eventCode)
            ? (({ skickadeFragor, mottagnaFragor }) => ({ questionsSent: skickadeFragor, questionsReceived: mottagnaFragor }))(arendeCounts(current.arenden ?? []))
            : {}),
        }),
      });
    },
  });
}
