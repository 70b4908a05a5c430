/**
 * Who sent a SignRequest, and may the service answer them: the request must carry exactly one
 * `ds:Signature`, as the last child of `dss:OptionalInputs`, whose one Reference is `URI=""` (the
 * whole document, so nothing outside the signature can be swapped in: no signature wrapping), and
 * which verifies with a certificate of the requester named in `csig:SignRequester`. The Audience
 * (where the answer goes) must be one of the requester's registered response URLs. Every failure is
 * a {@link RequestRefused}: no SignResponse is posted.
 */
import type { Element } from '@xmldom/xmldom';
import { verifyEnvelopedSignature } from '../../kit/dsig/signatureVerification.js';
import { childElements } from '../../kit/xml/dom.js';
import type { TrustedRequester, TrustedRequesters } from '../trust/trustedRequesters.js';
import { sameUrl } from '../trust/identityProviders.js';
import { DS_NS } from './dssNames.js';
import { RequestRefused } from './dssProblems.js';
import { MAX_SIGN_REQUEST_BYTES, type SignRequestInput } from './signRequestReader.js';
import { inputExcerpt } from '../../kit/text/inputExcerpt.js';

/** The authenticated sender and the verified place to answer. */
export interface AuthenticatedRequest {
  requester: TrustedRequester;
  audience: string;
}

/**
 * Authenticates the request.
 * @throws {RequestRefused} naming what failed: requester unknown, signature missing, misplaced,
 *   duplicated, not over the whole document or not verifying; Audience missing or not registered.
 */
export function authenticateSignRequest(xml: string, input: SignRequestInput, requesters: TrustedRequesters): AuthenticatedRequest {
  const requesterId = input.signRequester;
  if (!requesterId) {
    throw new RequestRefused('Okänd avsändare', 'csig:SignRequester is missing, so the service cannot tell who sent the request or which certificate should have signed it.');
  }
  const requester = requesters.get(requesterId);
  if (!requester) {
    throw new RequestRefused(
      'Okänd avsändare',
      `SignRequester "${inputExcerpt(requesterId)}" is not registered with this signing service (registered: ${requesters.entityIds().join(', ') || 'none'}); register the requester's metadata or certificate with the service.`,
    );
  }
  const signatures = input.document.getElementsByTagNameNS(DS_NS, 'Signature');
  if (signatures.length === 0) {
    throw new RequestRefused('Underskriftsbegäran är inte signerad', `The SignRequest has no ds:Signature; the profile requires the requester (${requesterId}) to sign it, with the signature as the last child of dss:OptionalInputs.`);
  }
  if (signatures.length > 1) {
    throw new RequestRefused('Underskriftsbegäran har flera signaturer', `The SignRequest holds ${signatures.length} ds:Signature elements; exactly one is allowed (extra signatures are how signature-wrapping attacks smuggle content in).`);
  }
  const signature = signatures.item(0) as Element;
  const last = childElements(input.optionalInputs).at(-1);
  if (last !== signature) {
    throw new RequestRefused('Signaturen ligger på fel plats', 'The ds:Signature is not the last child of dss:OptionalInputs, where the profile requires it; a signature elsewhere does not authenticate this request.');
  }
  const verdict = verifyEnvelopedSignature(xml, { trustedCertificatesPem: requester.certificatesPem, signatureElement: signature, maxBytes: MAX_SIGN_REQUEST_BYTES });
  if (!verdict.valid) {
    throw new RequestRefused('Underskriftsbegäran kunde inte verifieras', `The SignRequest's signature was not made by the registered requester ${requesterId}: ${verdict.problem ?? 'it does not verify'}.`);
  }
  if (verdict.referenceUris.length !== 1 || verdict.referenceUris[0] !== '') {
    throw new RequestRefused(
      'Signaturen täcker inte hela begäran',
      `The signature references ${verdict.referenceUris.map((u) => `"${u}"`).join(', ')}, but a SignRequest signature must have one Reference URI="" covering the whole document.`,
    );
  }
  const audience = input.audiences[0];
  if (!audience) {
    throw new RequestRefused('Svarsadress saknas', 'Conditions/AudienceRestriction/Audience is missing, so the service does not know where to post the SignResponse; put the requester\'s response URL there.');
  }
  if (requester.responseUrls && !requester.responseUrls.some((u) => sameUrl(u, audience))) {
    throw new RequestRefused(
      'Okänd svarsadress',
      `Audience "${inputExcerpt(audience)}" is not a response URL registered for ${requesterId} (${requester.responseUrls.join(', ') || 'none'}); the service only posts SignResponses to the requester's own AssertionConsumerService.`,
    );
  }
  return { requester, audience };
}
