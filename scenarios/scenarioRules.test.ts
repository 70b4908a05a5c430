/**
 * Scenarios observe the parties through the wire (docs/decisions/0018-scenarios-through-the-wire.md):
 * a scenario file may import the scenario fixtures, the protocol kit's wire-level helpers listed
 * here, and the journal system's client side (a scenario plays the journal system's user), but no
 * party's internals; and it never reaches into the started topology's members (`topology.webcert`,
 * `topology.journal`, …): only the fixtures read the admin API's address from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const scenariosDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(scenariosDir);

/** What a scenario may import from simulators/, each with why it is not a party's internals. */
export const ALLOWED_SIMULATOR_IMPORTS: Readonly<Record<string, string>> = {
  'simulators/kit/contracts/contracts.js': 'the RIV-TA contracts: judging what crossed the wire',
  'simulators/kit/contracts/schemaRoot.js': 'where the real XSDs are',
  'simulators/kit/contracts/xsdValidator.js': 'validating a message from the traffic journal',
  'simulators/kit/soap/envelope.js': 'building a SOAP envelope to send',
  'simulators/kit/soap/soapClient.js': 'calling a party over HTTP',
  'simulators/kit/soap/soapFault.js': 'reading a SOAP fault off the wire',
  'simulators/kit/soap/resultType.js': 'reading a RIV-TA result off the wire',
  'simulators/kit/xml/dom.js': 'reading XML',
  'simulators/kit/xml/safeXml.js': 'parsing XML safely',
  'simulators/kit/dsig/intygSignature.js': "checking a certificate's XML signature",
  'simulators/kit/dsig/envelopedSignature.js': 'forging a signed message (bad input)',
  'simulators/kit/dsig/ecdsaRaw.js': 'forging a signature (bad input)',
  'simulators/kit/pki/certificateInfo.js': 'reading an X.509 certificate',
  'simulators/kit/pki/testPki.js': "the test PKI on disk (the test's own CA, not a party's state)",
  'simulators/kit/saml/authnRequestBuilder.js': 'building a SAML AuthnRequest (bad input)',
  'simulators/kit/saml/samlTestSupport.js': 'samlify as an independent SP, judging a SAML Response off the wire',
  'simulators/kit/clock/virtualClock.js': "a clock for the scenario's own messages",
  'simulators/kit/journal/exchange.js': "types of the traffic journal's JSON",
  'simulators/kit/faults/faultRule.js': "types of the admin API's fault rules",
  'simulators/journal/launch/journalUser.js': "the journal system's client: the scenario plays its user",
  'simulators/journal/message/createDraftRequest.js': 'the CreateDraftCertificate request the journal user sends',
};

/** Extra imports for the session runner's own tests: a finished session's traffic journal file is evidence at rest. */
export const ALLOWED_IN_SESSIONS: readonly string[] = ['simulators/kit/journal/trafficJournal.js'];

/**
 * Extra imports of single files, each with why: a scenario that plays a sender which skips
 * Webcert's own checks builds that sender's message (it acts on the wire; it still observes only
 * through the wire). Keep this list short: a new entry needs a reason a reviewer accepts.
 */
export const ALLOWED_IN_FILE: Readonly<Record<string, readonly string[]>> = {
  // A hand-made, signed RegisterCertificate straight to Skatteverket (a DB without a date of death, a bad check digit).
  'scenarios/flows/sendRefusals.spec.ts': [
    'simulators/webcert/message/certificateFixtures.js',
    'simulators/webcert/message/intygstjanstMessages.js',
    'simulators/webcert/signing/certificateSignature.js',
    'simulators/webcert/signing/certificateSigning.js',
    'simulators/webcert/model/certificate.js',
  ],
};

/** Scenario files (flows, incidents, sessions; not the fixtures), relative to the project root, with '/'. */
function scenarioFiles(): string[] {
  const files: string[] = [];
  for (const folder of ['flows', 'incidents', 'sessions']) {
    for (const entry of readdirSync(join(scenariosDir, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) files.push(relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
    }
  }
  return files.sort();
}

/** Every module a file imports or re-exports (static and dynamic), resolved against the project root. */
export function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => posix.normalize(posix.join(posix.dirname(file), s)));
}

/** What is wrong with one scenario file: forbidden imports and reaches into the topology object. */
export function ruleBreaches(file: string, text: string): string[] {
  const breaches: string[] = [];
  const allowed = new Set([...Object.keys(ALLOWED_SIMULATOR_IMPORTS), ...(file.startsWith('scenarios/sessions/') ? ALLOWED_IN_SESSIONS : []), ...(ALLOWED_IN_FILE[file] ?? [])]);
  for (const target of importsOf(file, text)) {
    if (target.startsWith('simulators/') && !allowed.has(target)) breaches.push(`${file} imports ${target}, a party's internals`);
  }
  text.split('\n').forEach((line, i) => {
    // topology.config is the scenario's own input (what it asked to start), not a party's state.
    const reach = /\btopology[!?]?\.(?!config\b)(\w+)/.exec(line.replace(/(^|\s)\/\/.*$/, ''));
    if (reach) breaches.push(`${file}:${i + 1} reads topology.${reach[1]}, a party's in-process object`);
  });
  return breaches;
}

test('scenarios import no party internals and read the parties only through the wire', () => {
  const files = scenarioFiles();
  expect(files.length).toBeGreaterThan(20);
  const breaches = files.flatMap((f) => ruleBreaches(f, readFileSync(join(root, f), 'utf8')));
  expect(breaches, `Scenarios observe through the wire (docs/decisions/0018-scenarios-through-the-wire.md): read a party through the admin API (scenarios/fixtures/adminClient.ts), the traffic journal or a page; allowed simulator imports are listed in scenarios/scenarioRules.test.ts`).toEqual([]);
});

test('the rule sees an import of a party internal and a reach into the topology', () => {
  const file = 'scenarios/flows/example.spec.ts';
  expect(ruleBreaches(file, "import { CertificateStore } from '../../simulators/webcert/model/certificateStore.js';")).toEqual([`${file} imports simulators/webcert/model/certificateStore.js, a party's internals`]);
  expect(ruleBreaches(file, "const m = await import('../../simulators/eid-app/token/softHsmTokenStore.js');")).toHaveLength(1);
  expect(ruleBreaches(file, 'const c = topology.webcert!.store.get(id);')).toEqual([`${file}:1 reads topology.webcert, a party's in-process object`]);
  expect(ruleBreaches(file, "import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';\nawait steg('x', () => run(topology));")).toEqual([]);
  expect(ruleBreaches(file, "import { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';")).toHaveLength(1);
  expect(ruleBreaches('scenarios/sessions/x.spec.ts', "import { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';")).toEqual([]);
});
