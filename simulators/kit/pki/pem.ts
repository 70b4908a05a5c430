/** PEM text ⇄ DER bytes for certificates and keys, and splitting a PEM bundle into certificates. */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** The certificates of a PEM bundle (or of a single PEM), each as its own PEM text, in order. */
export function splitPemCertificates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    if (m[1] === 'CERTIFICATE') out.push(derToPem(Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64'), 'CERTIFICATE'));
  }
  return out;
}

/**
 * DER bytes of the first PEM block with this label (default CERTIFICATE).
 * @throws Error when no such block is in `pem`.
 */
export function pemToDer(pem: string, label = 'CERTIFICATE'): Buffer {
  for (const m of pem.matchAll(PEM_BLOCK)) {
    if (m[1] === label) return Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64');
  }
  throw new Error(`expected a PEM block "-----BEGIN ${label}-----", found none; pass the ${label.toLowerCase()} in PEM form`);
}

/** PEM text with 64-character lines and a trailing newline. */
export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The base64 body of a certificate PEM on one line (as it goes into `ds:X509Certificate` and
 * SAML metadata), or the input itself when it already is bare base64.
 */
export function certificateBase64(certificatePemOrBase64: string): string {
  if (certificatePemOrBase64.includes('-----BEGIN')) return pemToDer(certificatePemOrBase64).toString('base64');
  return certificatePemOrBase64.replace(/\s+/g, '');
}

/** A certificate PEM from PEM text or from bare base64 DER (as found in XML). */
export function toCertificatePem(certificatePemOrBase64: string): string {
  return derToPem(Buffer.from(certificateBase64(certificatePemOrBase64), 'base64'));
}
