/**
 * Admin routes for Intygstjänsten and the recipients: what Intygstjänsten holds (with its state
 * history and the stored RegisterCertificate), the questions and answers it passed on, a patient's sick-leave chain as Rehabstöd counts
 * it, and each recipient's inbox.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { http } from '../../simulators/kit/network/routeHandlers.js';
import type { RecipientSimulator } from '../../simulators/recipients/recipientSimulator.js';
import type { Topology } from '../topology/startTopology.js';
import { MessageToCareError, type MessageToCare } from '../../simulators/recipients/questionSender.js';
import { guarded, jsonObject, refuse } from './adminHttp.js';
import { sickLeaveReport } from '../../simulators/intygstjanst/sickleave/sickLeaveView.js';
import { messageQuery } from '../../simulators/intygstjanst/intygstjanstSimulator.js';

const MESSAGE_FIELDS = ['certificateId', 'amne', 'meddelande', 'rubrik', 'sistaDatumForSvar', 'svarPa', 'paminnelseMeddelandeId', 'komplettering', 'logiskAdressMottagare', 'meddelandeId'] as const;
const MESSAGE_EXAMPLE = '{"certificateId": "…", "amne": "KOMPLT", "meddelande": "…", "sistaDatumForSvar": "2026-12-20", "komplettering": [{"frageId": "1", "text": "…"}]} (svarPa for an answer, paminnelseMeddelandeId for a reminder)';

const notFound = (message: string) => Object.assign(new Error(message), { status: 404 });

function intygstjanstOf(t: Topology) {
  if (!t.intygstjanst) throw notFound('Intygstjänsten is not simulated in this topology');
  return t.intygstjanst;
}

function recipientOf(t: Topology, idOrParty: string): RecipientSimulator {
  const wanted = idOrParty.toLowerCase();
  const r = t.recipients.find((x) => x.profile.id.toLowerCase() === wanted || x.profile.party === wanted);
  if (!r) throw notFound(`no simulated recipient ${idOrParty}; GET /recipients lists them (by id, e.g. SKV, or party, e.g. skatteverket)`);
  return r;
}

export function sendRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/intygstjanst/certificates', guarded(({ request }) =>
      HttpResponse.json(intygstjanstOf(t).repository.list({ personId: new URL(request.url).searchParams.get('personId') ?? undefined })),
    )),
    http.get('/intygstjanst/certificates/:id', guarded(({ params }) => {
      const c = intygstjanstOf(t).repository.get(String(params.id));
      if (!c) throw notFound(`Intygstjänsten holds no certificate ${String(params.id)}; it is stored after signing (GET /webcert/certificate-queue shows the STORE)`);
      return HttpResponse.json(c);
    })),
    http.get('/intygstjanst/messages', guarded(({ request }) => {
      const q = messageQuery(new URL(request.url).searchParams);
      if ('problem' in q) refuse(400, q.problem);
      return HttpResponse.json(intygstjanstOf(t).messages.list(q.query));
    })),
    http.get('/intygstjanst/recipients', guarded(() => HttpResponse.json(intygstjanstOf(t).recipients))),
    http.get('/intygstjanst/sjukfall/:personId', guarded(({ params }) => HttpResponse.json(sickLeaveReport(intygstjanstOf(t).repository, String(params.personId))))),
    http.get('/recipients', () =>
      HttpResponse.json(t.recipients.map((r) => ({ id: r.profile.id, name: r.profile.name, party: r.profile.party, logicalAddress: r.profile.logicalAddress, certificateTypes: r.profile.certificateTypes, url: r.url }))),
    ),
    http.get('/recipients/:id/inbox', guarded(({ request, params }) => {
      const p = new URL(request.url).searchParams;
      const kind = p.get('kind') ?? undefined;
      if (kind !== undefined && kind !== 'RegisterCertificate' && kind !== 'RevokeCertificate' && kind !== 'SendMessageToRecipient') throw new Error('kind must be RegisterCertificate, RevokeCertificate or SendMessageToRecipient');
      return HttpResponse.json(
        recipientOf(t, String(params.id)).inbox.list({
          kind,
          certificateId: p.get('certificateId') ?? undefined,
          personId: p.get('personId') ?? undefined,
          logicalAddress: p.get('logicalAddress') ?? undefined,
        }),
      );
    })),
    // The recipient's desk sends a question, reminder or answer to care (SendMessageToCare through Intygstjänsten).
    http.post('/recipients/:id/messages', guarded(async ({ request, params }) => {
      const recipient = recipientOf(t, String(params.id));
      const body = await jsonObject(request, MESSAGE_FIELDS, MESSAGE_EXAMPLE);
      for (const f of MESSAGE_FIELDS) {
        if (f !== 'komplettering' && body[f] !== undefined && typeof body[f] !== 'string') refuse(400, `"${f}" must be text; send ${MESSAGE_EXAMPLE}`);
      }
      for (const f of ['certificateId', 'amne', 'meddelande'] as const) if (body[f] === undefined) refuse(400, `"${f}" is required; send ${MESSAGE_EXAMPLE}`);
      const k = body.komplettering;
      if (k !== undefined && !(Array.isArray(k) && k.every((x) => x && typeof x === 'object' && typeof (x as { frageId?: unknown }).frageId === 'string' && typeof (x as { text?: unknown }).text === 'string'))) {
        refuse(400, `"komplettering" must be a list like [{"frageId": "1", "text": "…"}]`);
      }
      try {
        const sent = await recipient.sendMessageToCare(body as unknown as MessageToCare);
        return HttpResponse.json(sent, { status: 201 });
      } catch (error) {
        if (error instanceof MessageToCareError) refuse(409, error.message);
        throw error;
      }
    })),
    http.delete('/recipients/:id/inbox', guarded(({ params }) => {
      recipientOf(t, String(params.id)).inbox.clear();
      return new HttpResponse(null, { status: 204 });
    })),
  ];
}
