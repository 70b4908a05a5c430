/**
 * The RIV-TA service contracts the harness speaks, with everything needed to address, route and
 * validate a message of each: namespaces, element names, soapAction, endpoint path and XSD.
 * Namespace and code-system constants are re-exported here so callers need one import.
 */

import {
  CREATE_DRAFT_RESPONDER_NS,
  LIST_CERTIFICATES_FOR_CARE_WITH_QA_RESPONDER_NS,
  SEND_MESSAGE_TO_CARE_RESPONDER_NS,
  SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS,
  REGISTER_CERTIFICATE_RESPONDER_NS,
  REVOKE_CERTIFICATE_RESPONDER_NS,
  SEND_CERTIFICATE_TO_RECIPIENT_RESPONDER_NS,
  STATUS_UPDATE_RESPONDER_NS,
} from './namespaces.js';

export * from './namespaces.js';
export * from './codeSystems.js';

/** Names of the contracts in {@link CONTRACTS}. */
export type ContractName =
  | 'CertificateStatusUpdateForCare'
  | 'CreateDraftCertificate'
  | 'RegisterCertificate'
  | 'RevokeCertificate'
  | 'SendCertificateToRecipient'
  | 'SendMessageToCare'
  | 'SendMessageToRecipient'
  | 'ListCertificatesForCareWithQA';

/** One RIV-TA contract (Basic Profile 2.1) in the clinicalprocess:healthcond:certificate domain. */
export interface RivtaContract {
  name: ContractName;
  /** Major version: the number in the namespaces, soapAction and endpoint path. */
  majorVersion: number;
  /** Version of the responder XSD we build and validate against, e.g. `3.2`. */
  schemaVersion: string;
  /** Namespace of the request and response elements. */
  responderNamespace: string;
  /** Local name of the request element (the child of `soap:Body`). */
  requestElement: string;
  /** Local name of the response element. */
  responseElement: string;
  /** `urn:riv:<domain>:<Contract>Responder:<major>:<Contract>` (BP 2.1 rule #15). */
  soapAction: string;
  /** Endpoint path by RIV-TA convention: `/<domain path>/<Contract>/<major>/rivtabp21`. */
  endpointPath: string;
  /** Responder XSD, relative to the schema root (the folder that holds `rivta/`). */
  xsdPath: string;
  /** WSDL, relative to the schema root. */
  wsdlPath: string;
}

const DOMAIN = 'clinicalprocess:healthcond:certificate';
const DOMAIN_PATH = 'clinicalprocess/healthcond/certificate';
const INTERACTIONS = 'rivta/clinicalprocess-healthcond-certificate/schemas/interactions';

/** Path, relative to the schema root, of the XSD that declares the `LogicalAddress` header. */
export const LOGICAL_ADDRESS_XSD_PATH =
  'rivta/clinicalprocess-healthcond-certificate/schemas/core_components/itintegration_registry_1.0.xsd';

function contract(
  name: ContractName,
  majorVersion: number,
  schemaVersion: string,
  responderNamespace: string,
  wsdlVersion: string,
): RivtaContract {
  const folder = `${INTERACTIONS}/${name}Interaction`;
  return {
    name,
    majorVersion,
    schemaVersion,
    responderNamespace,
    requestElement: name,
    responseElement: `${name}Response`,
    soapAction: `urn:riv:${DOMAIN}:${name}Responder:${majorVersion}:${name}`,
    endpointPath: `/${DOMAIN_PATH}/${name}/${majorVersion}/rivtabp21`,
    xsdPath: `${folder}/${name}Responder_${schemaVersion}.xsd`,
    wsdlPath: `${folder}/${name}Interaction_${wsdlVersion}_RIVTABP21.wsdl`,
  };
}

/** The contracts we use, by name. */
export const CONTRACTS: Readonly<Record<ContractName, RivtaContract>> = Object.freeze({
  CertificateStatusUpdateForCare: contract(
    'CertificateStatusUpdateForCare', 3, '3.2', STATUS_UPDATE_RESPONDER_NS, '3.2'),
  CreateDraftCertificate: contract(
    'CreateDraftCertificate', 3, '3.3', CREATE_DRAFT_RESPONDER_NS, '3.3'),
  RegisterCertificate: contract(
    'RegisterCertificate', 3, '3.1', REGISTER_CERTIFICATE_RESPONDER_NS, '3.0'),
  RevokeCertificate: contract(
    'RevokeCertificate', 2, '2.1', REVOKE_CERTIFICATE_RESPONDER_NS, '2.0'),
  SendCertificateToRecipient: contract(
    'SendCertificateToRecipient', 2, '2.1', SEND_CERTIFICATE_TO_RECIPIENT_RESPONDER_NS, '2.0'),
  SendMessageToCare: contract(
    'SendMessageToCare', 2, '2.0', SEND_MESSAGE_TO_CARE_RESPONDER_NS, '2.0'),
  SendMessageToRecipient: contract(
    'SendMessageToRecipient', 2, '2.1', SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS, '2.0'),
  ListCertificatesForCareWithQA: contract(
    'ListCertificatesForCareWithQA', 3, '3.3', LIST_CERTIFICATES_FOR_CARE_WITH_QA_RESPONDER_NS, '3.3'),
});

/**
 * The contract with this name.
 * @throws Error naming the known contracts when `name` is not one of them.
 */
export function contractByName(name: string): RivtaContract {
  const found = (CONTRACTS as Record<string, RivtaContract | undefined>)[name];
  if (!found) {
    throw new Error(
      `Unknown RIV-TA contract "${name}": known contracts are ${Object.keys(CONTRACTS).join(', ')}.`,
    );
  }
  return found;
}

/** The contract whose request or response element has this namespace and local name, if any. */
export function contractByElement(
  namespace: string | null,
  localName: string,
): { contract: RivtaContract; which: 'request' | 'response' } | undefined {
  for (const c of Object.values(CONTRACTS)) {
    if (c.responderNamespace !== namespace) continue;
    if (c.requestElement === localName) return { contract: c, which: 'request' };
    if (c.responseElement === localName) return { contract: c, which: 'response' };
  }
  return undefined;
}
