/**
 * The two ways a sign request can fail, as the Sweden Connect profile separates them:
 * - {@link RequestRefused}: the request cannot be decoded, or its sender or signature cannot be
 *   trusted. No SignResponse is posted (the service does not know a trustworthy place to post it);
 *   the user gets an error page that says what was wrong.
 * - {@link DssResultError}: the request is trusted but cannot be served. A signed SignResponse
 *   with ResultMajor/ResultMinor/ResultMessage is posted back to the requester.
 */
import { RESULT_MAJOR, RESULT_MINOR } from './dssNames.js';
import { boundedMessage } from '../../kit/text/inputExcerpt.js';

/** A request that gets an error page and no SignResponse. */
export class RequestRefused extends Error {
  /**
   * @param title Short Swedish heading for the error page.
   * @param message What was wrong, why, and what to do (shown on the page and journalled).
   */
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(boundedMessage(message));
    this.name = 'RequestRefused';
  }
}

/** A failure answered with a SignResponse carrying these result codes. */
export class DssResultError extends Error {
  /**
   * @param message What failed, why, and what to do (the technical detail).
   * @param summarySv A Swedish sentence for ResultMessage instead of the one for `resultMinor`.
   */
  constructor(
    readonly resultMajor: string,
    readonly resultMinor: string | undefined,
    message: string,
    readonly summarySv?: string,
  ) {
    super(boundedMessage(message));
    this.name = 'DssResultError';
  }

  /** RequesterError + NotSupported: the request is wrong or asks for something unsupported. */
  static badRequest(message: string): DssResultError {
    return new DssResultError(RESULT_MAJOR.requesterError, RESULT_MINOR.notSupported, message);
  }

  /** RequesterError + req-expired. */
  static expired(message: string): DssResultError {
    return new DssResultError(RESULT_MAJOR.requesterError, RESULT_MINOR.reqExpired, message);
  }

  /** ResponderError with the given minor. */
  static responder(minor: string, message: string): DssResultError {
    return new DssResultError(RESULT_MAJOR.responderError, minor, message);
  }
}

/** Message text of any thrown value. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
