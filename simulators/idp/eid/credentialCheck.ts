/**
 * What the IdP checks before it believes a credential: for an eID app order, the card's signature
 * over the challenge, the certificate chain to the test PKI at virtual time, and that the
 * certificate's serialNumber is the HSA-ID asserted; for a card over mutual TLS, the client
 * certificate's chain and key usage. Then the HSA-ID must belong to a known user.
 */
import { verify } from 'node:crypto';
import { readCertificate, type CertificateInfo } from '../../kit/pki/certificateInfo.js';
import type { TestPki } from '../../kit/pki/testPki.js';
import { ERROR_STATUS, type SamlStatus } from '../../kit/saml/responseBuilder.js';
import type { IdpUser, IdpUserDirectory } from '../idpUsers.js';

/** The outcome: a user, or why not (for the SP's status and for the user's page). */
export type CredentialVerdict =
  | { ok: true; user: IdpUser; certificate: CertificateInfo }
  | { ok: false; status: SamlStatus; reason: string; userMessage: string };

const refused = (reason: string, userMessage: string, status: SamlStatus = ERROR_STATUS.authnFailed(reason)): CredentialVerdict => ({ ok: false, status, reason, userMessage });

function userFor(cert: CertificateInfo, users: IdpUserDirectory): CredentialVerdict {
  const hsaId = cert.subjectSerialNumber;
  if (!hsaId) return refused('the certificate has no subject serialNumber (HSA-ID)', 'Certifikatet saknar HSA-id och kan inte användas för inloggning.');
  const user = users.resolve(hsaId, cert);
  if (!user) {
    return refused(`HSA-ID ${hsaId} is not a user of this IdP`, `Användaren med HSA-id ${hsaId} finns inte i katalogen.`, ERROR_STATUS.unknownPrincipal(`HSA-id ${hsaId} är okänt`));
  }
  return { ok: true, user, certificate: cert };
}

/** Checks a completed eID app order. */
export function checkEidCompletion(args: {
  completion: { hsaId?: string; certificatePem?: string; signature?: string } | undefined;
  challenge: Buffer;
  orderType: 'auth' | 'sign';
  pki: TestPki;
  at: Date;
  users: IdpUserDirectory;
}): CredentialVerdict {
  const c = args.completion;
  if (!c?.hsaId || !c.certificatePem || !c.signature) return refused('the eID service completed the order without hsaId, certificatePem and signature', 'Svaret från SITHS eID var ofullständigt.');
  let cert: CertificateInfo;
  try {
    cert = readCertificate(c.certificatePem);
  } catch (error) {
    return refused(`the eID completion certificate is unreadable: ${(error as Error).message}`, 'Certifikatet från SITHS eID kunde inte läsas.');
  }
  let signatureOk = false;
  try {
    signatureOk = verify('sha256', args.challenge, cert.publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return refused('the signature over the challenge does not verify with the certificate', 'Kortets signatur kunde inte verifieras.');
  const chain = args.pki.verifyChain(cert.pem, args.at);
  if (!chain.valid) return refused(`the certificate is not trusted: ${chain.problem ?? ''}`, 'Certifikatet är inte utfärdat av en betrodd SITHS-CA eller är inte giltigt.');
  if (cert.subjectSerialNumber !== c.hsaId) {
    return refused(`the certificate's serialNumber ${cert.subjectSerialNumber ?? '(none)'} is not the HSA-ID ${c.hsaId} the eID service asserted`, 'HSA-id i certifikatet stämmer inte med svaret från SITHS eID.');
  }
  const usage = args.orderType === 'sign' ? 'nonRepudiation' : 'digitalSignature';
  if (!cert.keyUsage.includes(usage)) {
    return refused(`a ${args.orderType} order must be answered with a certificate with keyUsage ${usage}, got ${cert.keyUsage.join(', ') || 'none'}`, 'Fel certifikat på kortet användes.');
  }
  return userFor(cert, args.users);
}

/** Checks the client certificate of a card login over mutual TLS. */
export function checkCardCertificate(args: { certificateBase64: string | undefined; tlsVerdict: string | undefined; pki: TestPki; at: Date; users: IdpUserDirectory }): CredentialVerdict {
  if (!args.certificateBase64) return refused('no client certificate was presented over TLS', 'Inget SITHS-kort hittades. Sätt i kortet, välj certifikatet när webbläsaren frågar, och försök igen.');
  let cert: CertificateInfo;
  try {
    cert = readCertificate(Buffer.from(args.certificateBase64, 'base64'));
  } catch (error) {
    return refused(`the client certificate is unreadable: ${(error as Error).message}`, 'Kortets certifikat kunde inte läsas.');
  }
  const chain = args.pki.verifyChain(cert.pem, args.at);
  if (!chain.valid) {
    return refused(
      `the client certificate is not trusted: ${chain.problem ?? ''}${args.tlsVerdict && args.tlsVerdict !== 'authorized' ? ` (TLS: ${args.tlsVerdict})` : ''}`,
      'Kortets certifikat är inte utfärdat av en betrodd SITHS-CA eller är inte giltigt. Använd ett SITHS-kort från rätt miljö.',
    );
  }
  if (!cert.keyUsage.includes('digitalSignature')) return refused('the client certificate is not an authentication certificate (keyUsage digitalSignature missing)', 'Fel certifikat valdes: välj kortets legitimeringscertifikat.');
  return userFor(cert, args.users);
}
