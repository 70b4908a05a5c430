/**
 * The end of a login: the SAML Response for a finished transaction (success or error status),
 * carried to the SP's ACS by an auto-posting page; a successful login at the login entity opens
 * (or extends) the browser's SSO session.
 */
import { randomBytes } from 'node:crypto';
import type { ExchangeNotes } from '../../kit/network/exchangeNotes.js';
import { autoPostForm } from '../../kit/saml/autoPostForm.js';
import { buildErrorResponse, buildSuccessResponse, ERROR_STATUS, type BuiltResponse } from '../../kit/saml/responseBuilder.js';
import { NAMEID_FORMAT } from '../../kit/saml/samlConstants.js';
import type { IdpContext } from '../idpContext.js';
import type { LoginTransaction } from '../session/loginTransactions.js';
import { assertionAttributes, loaSatisfies } from './assertionAttributes.js';
import { ssoCookie } from '../handlers/httpHelpers.js';

/** The page, the cookie to set (login entity only) and what the journal should note. */
export interface SamlAnswer {
  html: string;
  setCookie?: string;
  notes: ExchangeNotes;
  response: BuiltResponse;
}

/** Builds the Response for a transaction that has an outcome. */
export function answerTransaction(ctx: IdpContext, tx: LoginTransaction): SamlAnswer {
  const request = tx.request;
  const sp = request.serviceProvider.entityId;
  const common = { clock: ctx.clock, issuer: tx.entity.entityId, destination: request.assertionConsumerServiceUrl, inResponseTo: request.id };
  let outcome = tx.outcome ?? { kind: 'error' as const, status: ERROR_STATUS.authnFailed('Inloggningen avslutades inte'), reason: 'the login has no outcome' };
  if (outcome.kind === 'authenticated' && !loaSatisfies(outcome.loa, request.requestedAuthnContext)) {
    outcome = {
      kind: 'error',
      status: ERROR_STATUS.noAuthnContext(`Användarens tillitsnivå ${outcome.loa} uppfyller inte begärd nivå`),
      reason: `user LoA ${outcome.loa} does not satisfy ${request.requestedAuthnContext?.comparison ?? 'exact'} ${request.requestedAuthnContext?.classRefs.join(', ') ?? ''}`,
      user: outcome.user,
    };
  }
  let response: BuiltResponse;
  let notes: ExchangeNotes;
  let setCookie: string | undefined;
  if (outcome.kind === 'authenticated') {
    const { user, method, loa } = outcome;
    let sessionIndex = `_${randomBytes(16).toString('hex')}`;
    let authnInstant = ctx.clock.now();
    if (tx.entity.kind === 'login') {
      const session = outcome.session ?? ctx.sessions.open(user, method, loa);
      session.serviceProviders.add(sp);
      sessionIndex = session.sessionIndex;
      authnInstant = session.authnInstant;
      setCookie = ssoCookie(ctx.cookieName(), session.id);
    }
    const format = request.nameIdFormat === NAMEID_FORMAT.persistent || request.nameIdFormat === NAMEID_FORMAT.unspecified ? request.nameIdFormat : NAMEID_FORMAT.transient;
    const signMessage = tx.entity.kind !== 'login' && request.signMessage && !request.signMessage.encrypted ? request.signMessage.message : undefined;
    response = buildSuccessResponse({
      ...common,
      audience: sp,
      nameId: { value: format === NAMEID_FORMAT.transient ? `_${randomBytes(16).toString('hex')}` : user.hsaId, format },
      authnInstant,
      sessionIndex,
      authnContextClassRef: loa,
      attributes: assertionAttributes({ user, method, loginEntityId: ctx.entities().login.entityId, signMessage }),
      signing: ctx.credential,
    });
    notes = {
      operation: 'SAML Response',
      messageId: request.id,
      personId: user.personId?.replace(/\D/g, ''),
      outcome: 'ok',
      message: `Success to ${sp}: HSA-ID ${user.hsaId}, ${method}, ${loa}${outcome.session && outcome.session.authnInstant < tx.createdAt ? ', from SSO session' : ''}${signMessage !== undefined ? ', signMessageDigest released' : ''}`,
    };
  } else {
    response = buildErrorResponse({ ...common, status: outcome.status, signing: ctx.credential });
    notes = {
      operation: 'SAML Response',
      messageId: request.id,
      personId: outcome.user?.personId?.replace(/\D/g, ''),
      outcome: 'error',
      errorId: outcome.status.subCode ?? outcome.status.code,
      message: `Error to ${sp}: ${outcome.status.subCode ?? outcome.status.code}${outcome.user ? ` (HSA-ID ${outcome.user.hsaId})` : ''}: ${outcome.reason}`,
    };
  }
  ctx.transactions.finish(tx.id);
  const html = autoPostForm({
    action: request.assertionConsumerServiceUrl,
    fields: { SAMLResponse: response.samlResponse, RelayState: request.relayState },
    title: 'Skickar vidare till tjänsten …',
  });
  return { html, setCookie, notes, response };
}
