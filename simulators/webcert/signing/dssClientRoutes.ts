/**
 * Webcert as DSS client (webcert-surfaces.md §1): start a signature for the signing service
 * (`POST /api/signature/{type}/{id}/{version}/signeringshash/SIGN_SERVICE` → `{id, actionUrl,
 * signRequest}`), receive the SignResponse (`POST /api/signature/signservice/v1/response` → 303 to
 * the certificate or to `/certificate/{id}/sign/error`), and serve Webcert's client metadata.
 */
import type { RequestHandler } from 'msw';
import { withNotes as withNote } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import { CertificateActionError } from '../drafts/certificateStore.js';
import { certificateTypeByCode } from '../model/certificateTypes.js';
import type { WebContext } from '../web/webContext.js';
import { evaluateDraftAccess } from '../access/draftAccess.js';
import { formBody, jsonResponse, redirect } from '../web/webContext.js';
import type { CertificateSigning } from './certificateSigning.js';
import { webcertDssClientMetadata, type DssServiceMetadata } from './dssMetadata.js';
import { readSignResponse } from './signResponseReader.js';
import { buildSignRequest, DSS_DEFAULTS, identityProviderForSign, transactionId } from './signRequestBuilder.js';

/** What the DSS client needs; set once the signing service is known (Webcert reads it at start). */
export interface DssClientConfig {
  credential: { privateKeyPem: string; certificatePem: string };
  service: DssServiceMetadata;
  /** `dss.service.idpurl`: the IdP named when the login gave none usable. */
  defaultIdentityProvider: string;
  signMessageTemplate?: string;
}


export function dssClientRoutes(ctx: WebContext, signing: CertificateSigning, config: () => DssClientConfig | undefined): RequestHandler[] {
  return [
    http.post('/api/signature/:type/:id/:version/signeringshash/SIGN_SERVICE', ({ request, params }) => {
      const session = ctx.sessions.find(request);
      if (!session?.user) return jsonResponse({ errorCode: 'NOT_AUTHORIZED', message: 'not logged in' }, 403);
      const dss = config();
      if (!dss) return jsonResponse({ errorCode: 'UNKNOWN_INTERNAL_PROBLEM', message: 'no signing service is configured for this Webcert; start the topology with one' }, 500);
      const id = String(params.id);
      const draft = ctx.store.get(id);
      if (draft) {
        const user = session.user;
        const decision = evaluateDraftAccess('SIGN', draft, { role: user.staff.role, origin: user.origin, unit: user.selectedUnit ? ctx.directory.careUnit(user.selectedUnit) : undefined, commissions: user.staff.commissions }, session.integration?.parameters);
        if (!decision.allowed) return jsonResponse({ errorCode: decision.code, message: decision.reason }, 403);
      }
      const now = ctx.clock.now();
      try {
        const ticketId = transactionId(now);
        const ticket = signing.start(ticketId, id, Number(params.version), session.user.staff.hsaId);
        const c = ctx.store.require(id);
        const idp = identityProviderForSign(session.user.identityProviderForSign, dss.defaultIdentityProvider);
        const signRequest = buildSignRequest({
          requestId: ticketId,
          now,
          webcertBaseUrl: ctx.baseUrl(),
          signerHsaId: session.user.staff.hsaId,
          identityProvider: idp,
          signServiceEntityId: dss.service.entityId,
          toBeSignedBytes: ticket.prepared.toBeSignedBytes,
          signMessage: (dss.signMessageTemplate ?? DSS_DEFAULTS.signMessage)
            .replace('{patientPnr}', c.patient.personId.replace(/^(\d{8})(\d{4})$/, '$1-$2'))
            .replace('{intygsId}', c.id)
            .replace('{intygsTyp}', certificateTypeByCode(c.typeCode)?.name ?? c.typeCode),
          credential: dss.credential,
        });
        return withNote(jsonResponse({ id: ticketId, actionUrl: dss.service.actionUrl, signRequest: Buffer.from(signRequest, 'utf8').toString('base64') }), {
          operation: 'signeringshash SIGN_SERVICE',
          certificateId: id,
          message: 'DSS_SIGNATURE_REQUEST_CREATED',
        });
      } catch (error) {
        if (error instanceof CertificateActionError) return jsonResponse({ errorCode: error.code, message: error.message }, 409);
        throw error;
      }
    }),
    http.post('/api/signature/signservice/v1/response', async ({ request }) => {
      const form = await formBody(request);
      const relayState = form.get('RelayState') ?? '';
      const ticket = signing.tickets.get(relayState);
      const dss = config();
      if (!ticket || !dss) return withNote(redirect('/error?reason=unknown'), { operation: 'DSS SignResponse', message: `no live signing ticket for RelayState "${relayState}" (expired after 15 minutes, or never started)` });
      const reading = readSignResponse(form.get('EidSignResponse') ?? '', dss.service.signingCertificatesPem);
      const note = (message: string, outcome: 'ok' | 'error') => ({ operation: 'DSS SignResponse', certificateId: ticket.certificateId, message, outcome: outcome as 'ok' | 'error' });
      const failed = (message: string) => {
        signing.tickets.update(ticket, 'ERROR', message);
        return withNote(redirect(`/certificate/${ticket.certificateId}/sign/error`), note(message, 'error'));
      };
      switch (reading.kind) {
        case 'malformed':
          // Webcert's IllegalArgumentException escapes the controller: HTTP 500 JSON, no redirect.
          return withNote(jsonResponse({ errorCode: 'UNKNOWN_INTERNAL_PROBLEM', message: reading.reason }, 500), note(reading.reason, 'error'));
        case 'invalid':
          return failed(`DSS_SIGNATURE_RESPONSE_INVALID: ${reading.reason}`);
        case 'error':
          return failed(`DSS_SIGNATURE_RESPONSE_ERROR_RECEIVED: ${reading.resultMajor} - ${reading.resultMinor ?? ''} - ${reading.resultMessage ?? ''}`);
        case 'success':
          try {
            signing.finish(ticket, reading.signatureValue, reading.signerCertificatePem);
          } catch (error) {
            return failed(error instanceof Error ? error.message : String(error));
          }
          return withNote(redirect(`/certificate/${ticket.certificateId}/`), note('DSS_SIGNATURE_RESPONSE_SUCCESS', 'ok'));
      }
    }),
    http.get('/api/signature/signservice/v1/metadata', () => {
      const dss = config();
      if (!dss) return jsonResponse({ error: 'no DSS credential configured' }, 404);
      return new Response(webcertDssClientMetadata(ctx.baseUrl(), dss.credential), {
        headers: { 'content-type': 'application/samlmetadata+xml', 'content-disposition': 'attachment; filename="wc_dss_client_metadata.xml"' },
      });
    }),
    http.get('/api/signature/:type/:ticketId/signeringsstatus', ({ params }) => {
      const t = signing.tickets.get(String(params.ticketId));
      return t ? jsonResponse({ id: t.id, intygsId: t.certificateId, version: t.version, status: t.status }) : jsonResponse({ errorCode: 'NOT_FOUND', message: 'no such ticket' }, 404);
    }),
  ];
}
