/**
 * A certificate's relations as Webcert's CertificateRelationService sees them: the certificate it
 * was made from (its parent) and the drafts and certificates made from it (its children), each
 * with its status now. The lifecycle rules read them: "replaced" is the newest ERSATT child that is
 * not revoked (any draft counts, webcert CopyUtkastServiceImpl.verifyNotReplaced), "replaced by a
 * signed certificate" and "complemented by a signed certificate" only count signed children.
 */
import type { CertificateStore } from '../drafts/certificateStore.js';
import type { Certificate, CertificateStatus, RelationCode } from '../model/certificate.js';

/** One related certificate with its status now. */
export interface RelatedCertificate {
  code: RelationCode;
  certificateId: string;
  status: CertificateStatus;
  typeCode: string;
}

/** A certificate's parent and children (deleted drafts are gone, as in Webcert's database). */
export interface CertificateRelations {
  parent?: RelatedCertificate;
  /** Oldest first. */
  children: RelatedCertificate[];
}

const DRAFT: readonly CertificateStatus[] = ['DRAFT_INCOMPLETE', 'DRAFT_COMPLETE'];

/** Reads the relations of `certificate` from the store (children by an indexed lookup). */
export function relationsOf(store: CertificateStore, certificate: Certificate): CertificateRelations {
  const parent = certificate.relation ? store.get(certificate.relation.certificateId) : undefined;
  return {
    parent: certificate.relation && parent
      ? { code: certificate.relation.code, certificateId: parent.id, status: parent.status, typeCode: parent.typeCode }
      : undefined,
    children: store
      .children(certificate.id)
      .filter((c) => c.status !== 'DELETED' && c.relation)
      .map((c) => ({ code: c.relation!.code, certificateId: c.id, status: c.status, typeCode: c.typeCode })),
  };
}

/** The newest child of `code` (Webcert's getNewestRelationOfType), if any. */
function newest(relations: CertificateRelations, code: RelationCode, statuses?: readonly CertificateStatus[]): RelatedCertificate | undefined {
  const matching = relations.children.filter((c) => c.code === code && (statuses === undefined || statuses.includes(c.status)));
  return matching[matching.length - 1];
}

/**
 * The draft or certificate that replaces this one: the newest ERSATT child, draft or signed,
 * unless it has been revoked (then the certificate may be replaced again).
 */
export function replacement(relations: CertificateRelations): RelatedCertificate | undefined {
  const child = newest(relations, 'ERSATT', [...DRAFT, 'SIGNED', 'REVOKED']);
  return child && child.status !== 'REVOKED' ? child : undefined;
}

/** The signed certificate that replaces this one, unless it has been revoked. */
export function signedReplacement(relations: CertificateRelations): RelatedCertificate | undefined {
  return newest(relations, 'ERSATT', ['SIGNED']);
}

/** The signed certificate that complements this one, unless it has been revoked. */
export function signedComplement(relations: CertificateRelations): RelatedCertificate | undefined {
  return newest(relations, 'KOMPLT', ['SIGNED']);
}
