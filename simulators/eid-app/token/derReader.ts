/**
 * Just enough DER to read an X.509 certificate's parts that node:crypto does not expose: the raw
 * subject, issuer and serial number (PKCS#11 wants them on a certificate object) and the KeyUsage
 * bits (which tell a card's authentication certificate from its signature certificate).
 */

/** One DER element: its tag byte, the whole encoding, and its content. */
export interface DerElement {
  tag: number;
  /** Tag, length and content. */
  raw: Buffer;
  content: Buffer;
}

/** Reads the element starting at `offset`. @throws Error on truncated or unsupported encodings. */
export function readElement(buf: Buffer, offset = 0): DerElement {
  const tag = buf[offset];
  let lengthByte = buf[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error(`DER: element at offset ${offset} is truncated`);
  let length = lengthByte;
  let header = 2;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new Error(`DER: unsupported length encoding at offset ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = buf[offset + 2 + i];
      if (lengthByte === undefined) throw new Error(`DER: length at offset ${offset} is truncated`);
      length = length * 256 + lengthByte;
    }
    header += count;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new Error(`DER: element at offset ${offset} runs past the end of its container`);
  return { tag, raw: buf.subarray(offset, end), content: buf.subarray(offset + header, end) };
}

/** The children of a constructed element (SEQUENCE, SET, context tag). */
export function children(element: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let offset = 0; offset < element.content.length; ) {
    const child = readElement(element.content, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

/** The parts of a certificate's TBSCertificate that PKCS#11 and usage detection need. */
export interface CertificateParts {
  serialNumberDer: Buffer;
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** KeyUsage bits as the BIT STRING carries them (bit 0 = digitalSignature = 0x80 of the first byte), or undefined without the extension. */
  keyUsage?: { digitalSignature: boolean; nonRepudiation: boolean; keyEncipherment: boolean };
}

const KEY_USAGE_OID = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0f]);

/** Reads serial, issuer, subject and KeyUsage from a DER certificate. @throws Error when it is not one. */
export function certificateParts(der: Buffer): CertificateParts {
  const [tbs] = children(readElement(der));
  if (!tbs || tbs.tag !== 0x30) throw new Error('DER: not an X.509 certificate (no TBSCertificate)');
  const fields = children(tbs);
  const start = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version is optional
  const [serial, , issuer, , subject] = fields.slice(start);
  if (!serial || !issuer || !subject) throw new Error('DER: TBSCertificate is missing serial, issuer or subject');
  const parts: CertificateParts = { serialNumberDer: serial.raw, issuerDer: issuer.raw, subjectDer: subject.raw };
  const extensions = fields.find((f) => f.tag === 0xa3);
  const list = extensions ? children(extensions)[0] : undefined;
  for (const extension of list ? children(list) : []) {
    const [oid, ...rest] = children(extension);
    if (!oid?.raw.equals(KEY_USAGE_OID)) continue;
    const value = rest.find((e) => e.tag === 0x04);
    if (!value) continue;
    const bits = readElement(value.content).content; // BIT STRING: unused-bits byte, then bits
    const first = bits[1] ?? 0;
    parts.keyUsage = { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0, keyEncipherment: (first & 0x20) !== 0 };
  }
  return parts;
}
