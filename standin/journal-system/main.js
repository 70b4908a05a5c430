#!/usr/bin/env node
// @ts-check
/**
 * A stand-in journal system: a CertificateStatusUpdateForCare v3 receiver written only from the
 * RIV-TA WSDL/XSD, to check samverkan's journal-system conformance suite against. It is its own
 * program: it imports nothing from samverkan's simulators, harness or reports.
 *
 *   node standin/journal-system/main.js [--port 0] [--schemas DIR] [--broken] [--quiet] [--webcert-catch-up URL]
 *
 * Listens on 127.0.0.1 only. The first line on stdout is `journal-system stand-in ready: <url>`.
 * SIGTERM or SIGINT stops it.
 */
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CATCH_UP_WSDL_PATH, inputMessageSchema, readContract } from './contract.js';
import { receiver } from './receiver.js';
import { StatusUpdateStore } from './statusUpdateStore.js';
import { XsdValidator } from './xsdValidation.js';

const USAGE = 'usage: node standin/journal-system/main.js [--port N] [--schemas DIR] [--broken] [--quiet] [--webcert-catch-up URL]';

/** @param {string} message */
function fail(message) {
  process.stderr.write(`journal-system stand-in: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      schemas: { type: 'string' },
      broken: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'webcert-catch-up': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (!args) process.exit(2);
if (args.help) {
  process.stdout.write(`${USAGE}\n  --port     port on 127.0.0.1 (0 = any free port)\n  --schemas  folder holding rivta/ (default $SAMVERKAN_SCHEMAS, else the contracts the project carries)\n  --broken   answer ERROR to ANDRAT, never answer MAKULE, refuse a repeated update\n  --quiet    no line per request\n  --webcert-catch-up  Webcert's ListCertificatesForCareWithQA v3 URL for POST /catch-up (else given in its body)\n`);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port "${args.port}" is not a port number (0-65535)`);
/** The RIV-TA contract files this repository carries (files only: no simulator code is read). */
const BUNDLED_SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'simulators', 'kit', 'contracts', 'schemas');
const schemaRoot = args.schemas ?? process.env.SAMVERKAN_SCHEMAS ?? BUNDLED_SCHEMAS;

let contract;
let catchUpContract;
try {
  contract = readContract(/** @type {string} */ (schemaRoot));
  catchUpContract = readContract(/** @type {string} */ (schemaRoot), CATCH_UP_WSDL_PATH);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (!contract || !catchUpContract) process.exit(2);
const webcertCatchUp = args['webcert-catch-up'];
if (webcertCatchUp !== undefined && !/^https?:\/\//.test(webcertCatchUp)) fail(`--webcert-catch-up "${webcertCatchUp}" is not an http(s) URL`);

// The WSDL's input message (header + request) as one XSD, written where the process may write.
const workDir = mkdtempSync(join(tmpdir(), 'journal-system-standin-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));
const inputMessage = { namespace: 'urn:samverkan:standin:input-message', xsdPath: join(workDir, 'input-message.xsd') };
writeFileSync(inputMessage.xsdPath, inputMessageSchema(contract, inputMessage.namespace));

const validator = new XsdValidator();
try {
  // A set-up check: the XSDs compile (an empty input message is merely invalid).
  await validator.validate(`<w:inputMessage xmlns:w="${inputMessage.namespace}"/>`, inputMessage.xsdPath);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

const quiet = args.quiet;
const log = (/** @type {string} */ line) => {
  if (!quiet) process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};
const server = http.createServer(receiver({ contract, inputMessage, validator, store: new StatusUpdateStore(), broken: args.broken, log, catchUp: { contract: catchUpContract, webcertUrl: webcertCatchUp } }));
server.on('error', (e) => fail(`cannot listen on 127.0.0.1:${port}: ${e.message}`));
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  process.stdout.write(`journal-system stand-in ready: ${url}\n`);
  process.stdout.write(`  receiver ${url}${contract.endpointPath}${args.broken ? ' (broken: ERROR to ANDRAT, no answer to MAKULE, refuses a repeated update)' : ''}\n`);
  process.stdout.write(`  filed updates: GET ${url}/status-updates\n`);
  process.stdout.write(`  catch-up: POST ${url}/catch-up {personId, unit${webcertCatchUp ? '' : ', webcertUrl'}} (ListCertificatesForCareWithQA v3)\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
