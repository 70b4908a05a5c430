/** The one error type of the SAML kit: a code to branch on and a message that says what to do. */
import { boundedMessage, inputExcerpt } from '../text/inputExcerpt.js';

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

/** What was known about a refused message (for error pages and the journal). */
export interface SamlErrorContext {
  id?: string;
  issuer?: string;
  relayState?: string;
  statusCodes?: string[];
  statusMessage?: string;
}

/**
 * A SAML message was refused; `code` says which check failed, `message` why and what to do.
 * Both the message and the context quote the input only as an excerpt (kit/text/inputExcerpt.ts):
 * they go on error pages and into the journal.
 */
export class SamlError extends Error {
  readonly context: SamlErrorContext;

  constructor(
    readonly code: SamlErrorCode,
    message: string,
    context: SamlErrorContext = {},
  ) {
    super(boundedMessage(message));
    this.name = 'SamlError';
    const { id, issuer, relayState, statusMessage } = context;
    this.context = {
      ...context,
      ...(id !== undefined && { id: inputExcerpt(id) }),
      ...(issuer !== undefined && { issuer: inputExcerpt(issuer) }),
      ...(relayState !== undefined && { relayState: inputExcerpt(relayState) }),
      ...(statusMessage !== undefined && { statusMessage: inputExcerpt(statusMessage) }),
    };
  }
}
