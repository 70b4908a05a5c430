/**
 * The RIV-TA contract files carried in the project: exactly the files ORIGIN.md lists, unchanged,
 * complete (every import resolves inside the copy) and usable by libxml2 with no network.
 */
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CONTRACTS, LOGICAL_ADDRESS_XSD_PATH } from './contracts.js';
import { BUNDLED_SCHEMA_ROOT } from './schemaRoot.js';
import { validateXml } from './xsdValidator.js';

const INTERACTIONS = 'rivta/clinicalprocess-healthcond-certificate/schemas/interactions';

/** Interactions coming work validates that are not (yet) in CONTRACTS: responder XSD and WSDL. */
const ALSO_CARRIED = [
  ['SendCertificateToRecipient', '2.1', '2.0'],
  ['SendMessageToCare', '2.0', '2.0'],
  ['SendMessageToRecipient', '2.1', '2.0'],
  ['ListCertificatesForCareWithQA', '3.3', '3.3'],
] as const;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const posix = (path: string) => path.split(sep).join('/');
const copied = filesUnder(join(BUNDLED_SCHEMA_ROOT, 'rivta')).map((f) => posix(relative(BUNDLED_SCHEMA_ROOT, f))).sort();

/** `sha256  path` lines of ORIGIN.md. */
function listedInOrigin(): Map<string, string> {
  const origin = readFileSync(join(BUNDLED_SCHEMA_ROOT, 'ORIGIN.md'), 'utf8');
  const listed = new Map<string, string>();
  for (const m of origin.matchAll(/^([0-9a-f]{64}) {2}(rivta\/\S+)$/gm)) listed.set(m[2]!, m[1]!);
  return listed;
}

test.describe('RIV-TA schemas carried in the project', () => {
  test('exactly the files ORIGIN.md lists, byte for byte, with the licence beside them', () => {
    const listed = listedInOrigin();
    expect(copied).toEqual([...listed.keys()].sort());
    for (const file of copied) {
      const sha = createHash('sha256').update(readFileSync(join(BUNDLED_SCHEMA_ROOT, file))).digest('hex');
      expect(sha, `${file} differs from the upstream file listed in ORIGIN.md; third-party contracts are not edited`).toBe(listed.get(file));
    }
    expect(readFileSync(join(BUNDLED_SCHEMA_ROOT, 'LICENSE.md'), 'utf8')).toContain('GNU LESSER GENERAL PUBLIC LICENSE');
  });

  test('every schemaLocation resolves inside the copy', () => {
    const unresolved: string[] = [];
    for (const file of copied) {
      const text = readFileSync(join(BUNDLED_SCHEMA_ROOT, file), 'utf8');
      for (const m of text.matchAll(/schemaLocation\s*=\s*['"]([^'"]+)['"]/g)) {
        const target = posix(join(dirname(file), m[1]!));
        if (!copied.includes(target)) unresolved.push(`${file} → ${m[1]}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  test('the contracts in use and the ones coming next are all here, and libxml2 compiles each XSD offline', () => {
    const xsds = [
      LOGICAL_ADDRESS_XSD_PATH,
      ...Object.values(CONTRACTS).map((c) => c.xsdPath),
      ...ALSO_CARRIED.map(([name, xsd]) => `${INTERACTIONS}/${name}Interaction/${name}Responder_${xsd}.xsd`),
    ];
    const wsdls = [
      ...Object.values(CONTRACTS).map((c) => c.wsdlPath),
      ...ALSO_CARRIED.map(([name, , wsdl]) => `${INTERACTIONS}/${name}Interaction/${name}Interaction_${wsdl}_RIVTABP21.wsdl`),
    ];
    for (const path of [...xsds, ...wsdls]) expect(copied, path).toContain(path);
    for (const xsd of xsds) {
      // A document the XSD cannot accept: libxml2 must load and compile the schema (with every
      // import, from the copy, no network) to say so; a missing or broken import throws instead.
      const result = validateXml('<not-a-contract-element/>', join(BUNDLED_SCHEMA_ROOT, xsd));
      expect(result.valid, xsd).toBe(false);
      expect(result.errors.join('\n'), xsd).toMatch(/No matching global declaration available for the validation root/);
    }
  });
});
