/**
 * The schema check samlify asks of its host (`setSchemaValidator`), done by the kit's resident
 * libxml2 (`../xml/residentXsd.ts`) against the SAML 2.0 protocol XSD with the assertion, XML
 * Signature and XML Encryption XSDs it imports: the schema texts `@authenio/samlify-node-xmllint`
 * ships, the same check that package runs, compiled once per process instead of loading a 4 MB
 * emscripten xmllint (seconds of CPU) and compiling the XSDs again for every message.
 */
import { createRequire } from 'node:module';
import { validateAgainstXsdSources, type XsdSources } from '../xml/residentXsd.js';

/** What samlify's validator contract resolves with when a message is valid. */
const VALID = 'SUCCESS_VALIDATE_XML';

const SCHEMA_FILES = ['saml-schema-protocol-2.0.xsd', 'saml-schema-assertion-2.0.xsd', 'xmldsig-core-schema.xsd', 'xenc-schema.xsd'] as const;

let sources: XsdSources | undefined;

function samlSchemas(): XsdSources {
  if (sources) return sources;
  const require = createRequire(import.meta.url);
  const files: Record<string, string> = {};
  for (const name of SCHEMA_FILES) {
    const module = require(`@authenio/samlify-node-xmllint/build/schemas/${name}.js`) as { default?: unknown };
    if (typeof module.default !== 'string') {
      throw new Error(`@authenio/samlify-node-xmllint no longer ships ${name} as a string: SAML messages cannot be schema-checked; pin the package at 2.0.0.`);
    }
    files[name] = module.default;
  }
  sources = { key: 'saml-2.0-protocol (samlify-node-xmllint 2.0.0)', main: 'saml-schema-protocol-2.0.xsd', files };
  return sources;
}

/**
 * Checks a SAML protocol message against the SAML 2.0 XSDs. Resolves with samlify's success value;
 * rejects with libxml2's messages when the message is not valid (samlify then refuses it).
 */
export async function validateSamlMessage(xml: string): Promise<string> {
  const verdict = validateAgainstXsdSources(xml, samlSchemas());
  if (verdict.valid) return VALID;
  throw new Error(`SAML message is not valid against the SAML 2.0 schema: ${verdict.errors.join(' | ')}`);
}
