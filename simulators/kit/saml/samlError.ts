/** The one error type of the SAML kit: a code to branch on and a message that says what to do. */

/** What went wrong with a SAML message. */
export type SamlErrorCode =
  | 'bad-encoding' // base64 / deflate of the binding
  | 'bad-xml' // not well-formed, DTD, too large
  | 'wrong-message' // e.g. a LogoutRequest where an AuthnRequest was expected
  | 'unsupported-version'
  | 'missing-field'
  | 'unknown-sp'
  | 'unregistered-acs'
  | 'unsupported-binding'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-destination'
  | 'wrong-recipient'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'unsigned'
  | 'bad-signature'
  | 'unknown-in-response-to'
  | 'replay'
  | 'status'; // the IdP answered with a non-success status

/** A SAML message was refused; `code` says which check failed, `message` why and what to do. */
export class SamlError extends Error {
  constructor(
    readonly code: SamlErrorCode,
    message: string,
    /** What was known about the message when it failed (for error pages and the journal). */
    readonly context: { id?: string; issuer?: string; relayState?: string; statusCodes?: string[]; statusMessage?: string } = {},
  ) {
    super(message);
    this.name = 'SamlError';
  }
}
