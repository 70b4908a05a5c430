/**
 * XML namespaces of the RIV-TA clinicalprocess:healthcond:certificate contracts and of the SOAP
 * envelope they travel in. Values as the schemas in `rivta/clinicalprocess-healthcond-certificate/`
 * spell them.
 */

/** SOAP 1.1 envelope (RIV-TA Basic Profile 2.1 uses SOAP 1.1 only). */
export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Core components (`core:Intyg`, `core:Patient`, `core:ResultType` ...), schema version 3.3. */
export const CORE_NS = 'urn:riv:clinicalprocess:healthcond:certificate:3';

/** Data types (`types:IntygId`, `types:CVType`, `types:HsaId` ...), schema version 3.2. */
export const TYPES_NS = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';

/** Core extension 3.2: `underskrift`, `legitimeratYrke`, `kallaAdressuppgifter`. */
export const CORE_EXT_3_2_NS = 'urn:riv:clinicalprocess:healthcond:certificate:3.2';

/** Core extension 3.3: `forifyllnad` (prefill in CreateDraftCertificate). */
export const CORE_EXT_3_3_NS = 'urn:riv:clinicalprocess:healthcond:certificate:3.3';

/** Core extension 3.4: `hanteratAv` inside `core:Handelse`. */
export const CORE_EXT_3_4_NS = 'urn:riv:clinicalprocess:healthcond:certificate:3.4';

/** RIV-TA logical addressing: the `LogicalAddress` SOAP header element. */
export const ITINTEGRATION_REGISTRY_NS = 'urn:riv:itintegration:registry:1';

/** Responder namespace of CertificateStatusUpdateForCare v3 (request and response elements). */
export const STATUS_UPDATE_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';

/** Minor-version extension of CertificateStatusUpdateForCare (3.2): the top-level `hanteratAv`. */
export const STATUS_UPDATE_EXT_3_2_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3.2';

/** Responder namespace of CreateDraftCertificate v3. */
export const CREATE_DRAFT_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:CreateDraftCertificateResponder:3';

/** Responder namespace of RegisterCertificate v3. */
export const REGISTER_CERTIFICATE_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:RegisterCertificateResponder:3';

/** Responder namespace of RevokeCertificate v2. */
export const REVOKE_CERTIFICATE_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:RevokeCertificateResponder:2';

/** Responder namespace of SendCertificateToRecipient v2. */
export const SEND_CERTIFICATE_TO_RECIPIENT_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:SendCertificateToRecipientResponder:2';

/** Responder namespace of SendMessageToCare v2 (questions and answers from a recipient to care). */
export const SEND_MESSAGE_TO_CARE_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:SendMessageToCareResponder:2';

/** Responder namespace of SendMessageToRecipient v2 (questions and answers from care to a recipient). */
export const SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:SendMessageToRecipientResponder:2';

/** Responder namespace of ListCertificatesForCareWithQA v3 (a journal system's catch-up call). */
export const LIST_CERTIFICATES_FOR_CARE_WITH_QA_RESPONDER_NS =
  'urn:riv:clinicalprocess:healthcond:certificate:ListCertificatesForCareWithQAResponder:3';
