/**
 * The signing service's endpoints as msw handlers (CGI's URL shape):
 * - `POST /signservice-frontend/request/{customerId}`: the DSS form (`Binding`, `RelayState`,
 *   `EidSignRequest`); also takes an IdP's `SAMLResponse`, should an IdP post to the default ACS;
 * - `GET  /signservice-frontend/metadata/{customerId}`: signed SAML metadata (the entityID URL);
 * - `POST /signservice-frontend/consumeassertion`: the SAML ACS;
 * - `GET|POST /admin/certificate`: status and incident controls of the service certificate
 *   (`{ "action": "expire" | "rotate" | "restore" }`), for the local user only (kit control guard).
 */
import { HttpResponse, type RequestHandler } from 'msw';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { controlGuard } from '../../kit/network/controlGuard.js';
import { withNotes } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import type { CertificateAction, CertificateStatus } from '../credential/serviceCredential.js';
import { RequestRefused } from '../dss/dssProblems.js';
import { receiveAssertion } from '../flow/assertionIntake.js';
import { refusedAnswer, type FlowContext } from '../flow/flowContext.js';
import { receiveSignRequest } from '../flow/signRequestIntake.js';
import { applyFault, htmlAnswer, jsonAnswer, readForm } from './httpHelpers.js';
import { errorPage } from './pages.js';
import { inputExcerpt } from '../../kit/text/inputExcerpt.js';

/** Paths below the service's base URL. */
export const SERVICE_PATHS = {
  request: (customerId: string) => `/signservice-frontend/request/${customerId}`,
  metadata: (customerId: string) => `/signservice-frontend/metadata/${customerId}`,
  consumeAssertion: '/signservice-frontend/consumeassertion',
  adminCertificate: '/admin/certificate',
} as const;

/** What the routes need besides the flow. */
export interface ServiceRoutesOptions {
  flow: FlowContext;
  customerId: string;
  faults?: FaultRules;
  metadataXml: () => string;
  certificateStatus: () => CertificateStatus;
  applyCertificateAction: (action: CertificateAction) => Promise<CertificateStatus>;
}

const ACTIONS: CertificateAction[] = ['expire', 'rotate', 'restore'];

function unknownCustomer(customerId: string, known: string): Response {
  const title = 'Okänd kund';
  const detail = `This signing service serves customer id "${known}", not "${inputExcerpt(customerId)}"; post to ${SERVICE_PATHS.request(known)}.`;
  return withNotes(HttpResponse.html(errorPage({ title, detail }), { status: 404 }), { operation: 'DSS SignRequest', outcome: 'error', message: detail });
}

async function formOrRefusal(request: Request, operation: string): Promise<URLSearchParams | Response> {
  try {
    return await readForm(request);
  } catch (error) {
    return htmlAnswer(refusedAnswer(new RequestRefused('Formuläret kunde inte läsas', `The posted form could not be read: ${(error as Error).message}; post application/x-www-form-urlencoded fields.`), operation));
  }
}

/** The msw handlers of one signing service. */
export function serviceRoutes(o: ServiceRoutesOptions): RequestHandler[] {
  return [
    http.post('/signservice-frontend/request/:customerId', async ({ request, params }) => {
      if (params.customerId !== o.customerId) return unknownCustomer(String(params.customerId), o.customerId);
      const form = await formOrRefusal(request, 'DSS SignRequest');
      if (form instanceof Response) return form;
      if (form.has('SAMLResponse') && !form.has('EidSignRequest')) {
        return (await applyFault(o.faults, 'SAML Response')) ?? htmlAnswer(await receiveAssertion(o.flow, form));
      }
      return (await applyFault(o.faults, 'DSS SignRequest')) ?? htmlAnswer(receiveSignRequest(o.flow, form));
    }),
    http.get('/signservice-frontend/request/:customerId', () =>
      htmlAnswer(refusedAnswer(new RequestRefused('Fel anropsmetod', 'A SignRequest must be POSTed as a form (Binding, RelayState, EidSignRequest); a GET carries none.'), 'DSS SignRequest')),
    ),
    http.post(SERVICE_PATHS.consumeAssertion, async ({ request }) => {
      const fault = await applyFault(o.faults, 'SAML Response');
      if (fault) return fault;
      const form = await formOrRefusal(request, 'SAML Response');
      if (form instanceof Response) return form;
      return htmlAnswer(await receiveAssertion(o.flow, form));
    }),
    http.get('/signservice-frontend/metadata/:customerId', ({ params }) => {
      if (params.customerId !== o.customerId) {
        return withNotes(HttpResponse.text(`no metadata for customer id "${String(params.customerId)}"; this service's metadata is at ${SERVICE_PATHS.metadata(o.customerId)}`, { status: 404 }), { operation: 'SAML metadata', outcome: 'error' });
      }
      return withNotes(new HttpResponse(o.metadataXml(), { headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8' } }), { operation: 'SAML metadata', outcome: 'ok' });
    }),
    controlGuard(SERVICE_PATHS.adminCertificate, { operation: 'admin certificate' }),
    http.get(SERVICE_PATHS.adminCertificate, () => jsonAnswer(o.certificateStatus(), 200, { operation: 'admin certificate', outcome: 'ok' })),
    http.post(SERVICE_PATHS.adminCertificate, async ({ request }) => {
      let action: unknown;
      try {
        action = ((await request.json()) as { action?: unknown } | null)?.action;
      } catch {
        action = undefined;
      }
      if (typeof action !== 'string' || !ACTIONS.includes(action as CertificateAction)) {
        const message = `body must be JSON {"action": "expire" | "rotate" | "restore"}, got action ${JSON.stringify(action)}`;
        return jsonAnswer({ error: message }, 400, { operation: 'admin certificate', outcome: 'error', message });
      }
      const status = await o.applyCertificateAction(action as CertificateAction);
      return jsonAnswer(status, 200, { operation: 'admin certificate', outcome: 'ok', message: `certificate ${action}: now ${status.state}, valid to ${status.notAfter}` });
    }),
  ];
}
