/**
 * The keys and certificates the simulated parties present (Webcert's SAML/DSS credential, the
 * IdP's and the signing service's), issued by the state folder's test PKI on first use and kept
 * there, so a topology starts in milliseconds after the first time. Never committed: the state
 * folder (default `.samverkan/`) is git-ignored.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestPki } from '../../simulators/kit/pki/testPki.js';

/** A party's key and certificate (PEM), with the issuing chain. */
export interface PartyCredential {
  privateKeyPem: string;
  certificatePem: string;
  chainPem: string[];
}

/** The functions that present certificates, with their test HSA-IDs. */
const FUNCTIONS = {
  webcert: { commonName: 'webcert.samverkan.test', hsaId: 'TSTNMT2321000156-WEBCERT' },
  idp: { commonName: 'idp.samverkan.test', hsaId: 'TSTNMT2321000156-IDP' },
  signingService: { commonName: 'underskrift.samverkan.test', hsaId: 'TSTNMT2321000156-DSS' },
} as const;

export type CredentialName = keyof typeof FUNCTIONS;

async function loadOrIssue(pki: TestPki, dir: string, name: CredentialName): Promise<PartyCredential> {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    const issued = await pki.issueFunctionCertificate({ ...FUNCTIONS[name], key: 'RSA', dnsNames: ['localhost'] });
    const staging = `${file}.${randomBytes(6).toString('hex')}`;
    writeFileSync(staging, JSON.stringify({ privateKeyPem: issued.privateKeyPem, certificatePem: issued.certificatePem, chainPem: issued.chainPem }), { mode: 0o600 });
    try {
      renameSync(staging, file);
    } catch {
      rmSync(staging, { force: true });
    }
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PartyCredential;
  } catch (error) {
    throw new Error(`credential file ${file} is unreadable (${(error as Error).message}); delete it and it is issued again`);
  }
}

/** The state folder's PKI and every party credential. */
export async function openPartyCredentials(stateDir: string): Promise<{ pki: TestPki } & Record<CredentialName, PartyCredential>> {
  const pki = await TestPki.open(join(stateDir, 'pki'));
  const dir = join(stateDir, 'pki', 'credentials');
  mkdirSync(dir, { recursive: true });
  const [webcert, idp, signingService] = await Promise.all((Object.keys(FUNCTIONS) as CredentialName[]).map((n) => loadOrIssue(pki, dir, n)));
  return { pki, webcert: webcert!, idp: idp!, signingService: signingService! };
}
