/**
 * The three CAs of the test PKI (root, person CA, function CA): creating them, and keeping them
 * in a folder so every party of a topology, and the next run, trusts the same hierarchy.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CA_NAMES, caExtensions, caName, randomSerialNumber } from './certificateProfiles.js';
import { certificateSigningParams, toSigningCryptoKey, webCrypto, x509 } from './x509Runtime.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A CA's certificate and private key. */
export interface CaCredential {
  certificatePem: string;
  privateKey: KeyObject;
}

/** The whole hierarchy. */
export interface CaHierarchy {
  root: CaCredential;
  person: CaCredential;
  function: CaCredential;
}

/** Validity of the CAs: wide, so any virtual time a scenario picks (also before 2023) is covered. */
export const CA_VALIDITY = { notBefore: new Date('2015-01-01T00:00:00Z'), notAfter: new Date('2049-12-31T23:59:59Z') };

/** Bumped when the shape of the stored CAs changes; an older folder is then refused with advice. */
const LAYOUT_VERSION = 1;
const CA_FOLDER = 'ca';
const FILES = { root: 'root', person: 'person-ca', function: 'function-ca' } as const;

async function rsaKey(bits: number): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return generateKeyPairAsync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
}

async function issueCa(name: string, subjectKey: KeyObject, issuer: { name: string; key: KeyObject; publicKey: KeyObject }, pathLength?: number): Promise<string> {
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(),
      subject: caName(name),
      issuer: caName(issuer.name),
      notBefore: CA_VALIDITY.notBefore,
      notAfter: CA_VALIDITY.notAfter,
      publicKey: subjectKey.export({ format: 'der', type: 'spki' }),
      signingKey: await toSigningCryptoKey(issuer.key),
      signingAlgorithm: certificateSigningParams(issuer.key),
      extensions: await caExtensions(subjectKey, issuer.publicKey, pathLength),
    },
    webCrypto,
  );
  return cert.toString('pem') + '\n';
}

/** Creates a new root (RSA-3072) and the person and function CAs (RSA-2048), SHA-256. */
export async function createCaHierarchy(): Promise<CaHierarchy> {
  const [rootKeys, personKeys, functionKeys] = await Promise.all([rsaKey(3072), rsaKey(2048), rsaKey(2048)]);
  const rootIssuer = { name: CA_NAMES.root, key: rootKeys.privateKey, publicKey: rootKeys.publicKey };
  return {
    root: { certificatePem: await issueCa(CA_NAMES.root, rootKeys.publicKey, rootIssuer), privateKey: rootKeys.privateKey },
    person: { certificatePem: await issueCa(CA_NAMES.person, personKeys.publicKey, rootIssuer, 0), privateKey: personKeys.privateKey },
    function: { certificatePem: await issueCa(CA_NAMES.function, functionKeys.publicKey, rootIssuer, 0), privateKey: functionKeys.privateKey },
  };
}

function writeHierarchy(folder: string, ca: CaHierarchy): void {
  mkdirSync(folder, { recursive: true });
  for (const [role, base] of Object.entries(FILES) as [keyof CaHierarchy, string][]) {
    writeFileSync(join(folder, `${base}.cert.pem`), ca[role].certificatePem);
    writeFileSync(join(folder, `${base}.key.pem`), ca[role].privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  writeFileSync(join(folder, 'trust-bundle.pem'), ca.root.certificatePem + ca.person.certificatePem + ca.function.certificatePem);
  writeFileSync(join(folder, 'layout.json'), JSON.stringify({ version: LAYOUT_VERSION, createdBy: 'samverkan TestPki' }) + '\n');
  writeFileSync(
    join(folder, 'README.txt'),
    'Throw-away test CAs made by samverkan (simulators/kit/pki). Test use only; never commit, never trust outside tests.\n' +
      'Delete this folder to get a new hierarchy (every party then needs new certificates and metadata).\n',
  );
}

function readHierarchy(folder: string): CaHierarchy {
  const layout = JSON.parse(readFileSync(join(folder, 'layout.json'), 'utf8')) as { version?: number };
  if (layout.version !== LAYOUT_VERSION) {
    throw new Error(`layout version ${String(layout.version)} is not ${LAYOUT_VERSION}`);
  }
  const read = (base: string): CaCredential => {
    const certificatePem = readFileSync(join(folder, `${base}.cert.pem`), 'utf8');
    const privateKey = createPrivateKey(readFileSync(join(folder, `${base}.key.pem`), 'utf8'));
    const cert = new X509Certificate(certificatePem);
    const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    if (!cert.publicKey.export({ format: 'der', type: 'spki' }).equals(derived)) {
      throw new Error(`${base}.key.pem does not belong to ${base}.cert.pem`);
    }
    return { certificatePem, privateKey };
  };
  return { root: read(FILES.root), person: read(FILES.person), function: read(FILES.function) };
}

/**
 * Loads the hierarchy kept in `<dir>/ca/`, or creates and keeps a new one. Two processes opening
 * the same new folder at once end up with the same hierarchy (the first rename wins).
 * @throws Error when the folder holds an unreadable or foreign hierarchy, saying how to reset it.
 */
export async function openCaHierarchy(dir: string): Promise<CaHierarchy> {
  const folder = join(dir, CA_FOLDER);
  if (!existsSync(join(folder, 'layout.json'))) {
    mkdirSync(dir, { recursive: true });
    const created = await createCaHierarchy();
    const staging = join(dir, `.ca-${randomBytes(6).toString('hex')}`);
    writeHierarchy(staging, created);
    try {
      renameSync(staging, folder);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process won the race; use its CAs
    }
  }
  try {
    return readHierarchy(folder);
  } catch (error) {
    throw new Error(
      `the test PKI in ${folder} cannot be used: ${(error as Error).message}. ` +
        'It holds throw-away test CAs only: delete that folder and start again to create new ones.',
    );
  }
}
