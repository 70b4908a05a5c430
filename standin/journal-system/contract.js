// @ts-check
/**
 * What the stand-in knows about CertificateStatusUpdateForCare v3, read from the contract files
 * themselves: the RIV-TA WSDL (interaction 3.2) names the soapAction, the request and response
 * elements, the LogicalAddress header part and the XSDs they are declared in.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** The WSDL, relative to the schema root (the folder that holds `rivta/`). */
export const WSDL_PATH =
  'rivta/clinicalprocess-healthcond-certificate/schemas/interactions/CertificateStatusUpdateForCareInteraction/' +
  'CertificateStatusUpdateForCareInteraction_3.2_RIVTABP21.wsdl';

/** The catch-up call's WSDL (ListCertificatesForCareWithQA, interaction 3.3), relative to the schema root. */
export const CATCH_UP_WSDL_PATH =
  'rivta/clinicalprocess-healthcond-certificate/schemas/interactions/ListCertificatesForCareWithQAInteraction/' +
  'ListCertificatesForCareWithQAInteraction_3.3_RIVTABP21.wsdl';

/**
 * @typedef {object} QName
 * @property {string} ns
 * @property {string} local
 */

/**
 * @typedef {object} StatusUpdateContract
 * @property {string} wsdlPath absolute path of the WSDL
 * @property {string} wsdlText the WSDL as read (served at `?wsdl`)
 * @property {string} soapAction
 * @property {string} endpointPath RIV-TA convention path, from the WSDL's target namespace
 * @property {QName} request request element (soap:Body)
 * @property {QName} response response element
 * @property {QName} logicalAddress the header part's element
 * @property {Record<string, string>} xsdByNamespace absolute XSD path per imported namespace
 */

/**
 * An XSD for the WSDL's whole input message: one element holding the LogicalAddress header part
 * and the request part, so both are validated in one xmllint run.
 * @param {StatusUpdateContract} contract
 * @param {string} wrapperNamespace
 */
export function inputMessageSchema(contract, wrapperNamespace) {
  const { request, logicalAddress, xsdByNamespace } = contract;
  const requestXsd = xsdByNamespace[request.ns];
  const headerXsd = xsdByNamespace[logicalAddress.ns];
  if (!requestXsd || !headerXsd) throw new Error('the WSDL does not import the XSDs of the request and its LogicalAddress header');
  const attr = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xs:schema xmlns:xs="${XSD_NS}" xmlns:h="${attr(logicalAddress.ns)}" xmlns:r="${attr(request.ns)}" targetNamespace="${attr(wrapperNamespace)}" elementFormDefault="qualified">\n` +
    `  <xs:import namespace="${attr(logicalAddress.ns)}" schemaLocation="${attr(headerXsd)}"/>\n` +
    `  <xs:import namespace="${attr(request.ns)}" schemaLocation="${attr(requestXsd)}"/>\n` +
    `  <xs:element name="inputMessage"><xs:complexType><xs:sequence>\n` +
    `    <xs:element ref="h:${logicalAddress.local}"/>\n    <xs:element ref="r:${request.local}"/>\n` +
    '  </xs:sequence></xs:complexType></xs:element>\n</xs:schema>\n'
  );
}

/** @param {import('@xmldom/xmldom').Element | import('@xmldom/xmldom').Document} node @param {string} ns @param {string} local */
function all(node, ns, local) {
  return Array.from(node.getElementsByTagNameNS(ns, local));
}

/** @param {import('@xmldom/xmldom').Element} el @param {string} prefixed */
function resolveQName(el, prefixed) {
  const [prefix, local] = prefixed.includes(':') ? prefixed.split(':') : ['', prefixed];
  const ns = el.lookupNamespaceURI(prefix || null);
  if (!ns || !local) throw new Error(`WSDL names "${prefixed}" but its prefix is not declared`);
  return { ns, local };
}

/**
 * Reads the contract from the schema root.
 * @param {string} schemaRoot folder that holds `rivta/`
 * @param {string} [wsdl] the WSDL relative to it; default CertificateStatusUpdateForCare's ({@link WSDL_PATH})
 * @returns {StatusUpdateContract}
 */
export function readContract(schemaRoot, wsdl = WSDL_PATH) {
  const wsdlPath = resolve(schemaRoot, wsdl);
  if (!existsSync(wsdlPath)) {
    throw new Error(`WSDL not found at ${wsdlPath}: give --schemas (or SAMVERKAN_SCHEMAS) the folder that contains rivta/`);
  }
  const wsdlText = readFileSync(wsdlPath, 'utf8');
  const doc = new DOMParser().parseFromString(wsdlText, 'text/xml');
  const definitions = doc.documentElement;
  if (!definitions) throw new Error(`${wsdlPath} is not XML`);
  const targetNamespace = definitions.getAttribute('targetNamespace') ?? '';

  /** @type {Record<string, string>} */
  const xsdByNamespace = {};
  for (const imp of all(doc, XSD_NS, 'import')) {
    const ns = imp.getAttribute('namespace');
    const location = imp.getAttribute('schemaLocation');
    if (ns && location) xsdByNamespace[ns] = join(dirname(wsdlPath), location);
  }

  /** @param {string} name */
  const message = (name) => {
    const found = all(doc, WSDL_NS, 'message').find((m) => m.getAttribute('name') === name.replace(/^.*:/, ''));
    if (!found) throw new Error(`WSDL has no message ${name}`);
    return found;
  };
  const operation = all(doc, WSDL_NS, 'portType').flatMap((p) => all(p, WSDL_NS, 'operation'))[0];
  if (!operation) throw new Error('WSDL has no operation');
  const input = all(operation, WSDL_NS, 'input')[0];
  const output = all(operation, WSDL_NS, 'output')[0];
  if (!input || !output) throw new Error('WSDL operation lacks input or output');
  const inputMessage = message(input.getAttribute('message') ?? '');
  const outputMessage = message(output.getAttribute('message') ?? '');
  /** @param {import('@xmldom/xmldom').Element} msg @param {string} partName */
  const part = (msg, partName) => {
    const p = all(msg, WSDL_NS, 'part').find((x) => x.getAttribute('name') === partName);
    if (!p) throw new Error(`WSDL message ${msg.getAttribute('name')} has no part ${partName}`);
    return resolveQName(p, p.getAttribute('element') ?? '');
  };
  const soapOperation = all(doc, WSDL_SOAP_NS, 'operation')[0];
  const soapAction = soapOperation?.getAttribute('soapAction') ?? '';

  // RIV-TA naming: urn:riv:<domain>:<Contract>:<major>:rivtabp21 ↔ /<domain>/<Contract>/<major>/rivtabp21.
  const endpointPath = `/${targetNamespace.replace(/^urn:riv:/, '').split(':').join('/')}`;
  return {
    wsdlPath,
    wsdlText,
    soapAction,
    endpointPath,
    request: part(inputMessage, 'parameters'),
    response: part(outputMessage, 'parameters'),
    logicalAddress: part(inputMessage, 'LogicalAddress'),
    xsdByNamespace,
  };
}
