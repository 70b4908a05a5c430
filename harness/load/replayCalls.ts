/**
 * What the replay does to Webcert, over the network, as the parties would: the journal system's
 * CreateDraftCertificate (SOAP), the doctor's edits, sending, revoking and deleting through the
 * admin API's certificate actions (what the Webcert UI's buttons do), and signing with Webcert's
 * own fake signing after a fake login (its dev/test profile: a real XML signature with Webcert's
 * key, stored in Intygstjänsten). Each call answers once Webcert has stored what it changed.
 */
import http from 'node:http';
import { buildEnvelope } from '../../simulators/kit/soap/envelope.js';
import { buildCreateDraftCertificate } from '../../simulators/journal/message/createDraftRequest.js';
import type { PlannedCertificate, StepKind } from './monthPlan.js';
import { LOAD_DOCTOR, loadPersonId } from './loadDirectory.js';
import { dodsbevisAnswers } from '../../simulators/webcert/message/certificateFixtures.js';
import type { Svar } from '../../simulators/webcert/model/certificate.js';

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** What a step came to. `already`: Webcert said it was done before (a step redone after a restart). */
export type StepOutcome = { kind: 'ok'; certificateId: string } | { kind: 'already'; certificateId: string } | { kind: 'failed'; reason: string };

/**
 * The answers an edit stores (the draft is then complete): for a dödsbevis what Skatteverket needs
 * (date of death the day of the edit), else a basis and a diagnosis.
 */
function answersFor(typeCode: string, at: number): Svar[] {
  return typeCode === 'DB' ? dodsbevisAnswers(new Date(at).toISOString().slice(0, 10)) : ANSWERS;
}

const ANSWERS: Svar[] = [
  { id: '1', delsvar: [{ id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001', displayName: 'Min undersökning av patienten' } } }] },
  { id: '6', delsvar: [{ id: '6.1', value: 'Akut bronkit' }, { id: '6.2', value: 'J20' }] },
];

/** Calls to one topology's Webcert and admin API over kept-alive connections. */
export class ReplayCalls {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private cookie?: string;

  constructor(
    private readonly urls: { createDraft: string; webcert: string; admin: string },
    private readonly unitOfRegion: Map<string, string>,
  ) {}

  /**
   * One HTTP exchange. A kept-alive connection the server closed just as it was reused fails before
   * the request was read (ECONNRESET on a reused socket): that one is sent again, once, on a new one.
   */
  private async request(method: string, url: string, body: string | undefined, headers: Record<string, string> = {}): Promise<Answer> {
    try {
      return await this.exchange(method, url, body, headers);
    } catch (error) {
      if (!(error as { reusedSocket?: boolean }).reusedSocket) throw error;
      return this.exchange(method, url, body, headers);
    }
  }

  private exchange(method: string, url: string, body: string | undefined, headers: Record<string, string>): Promise<Answer> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent: this.agent, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
          res.on('error', reject);
        },
      );
      req.setTimeout(120_000, () => req.destroy(new Error(`no answer from ${u.origin} within 120 s`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (req.reusedSocket && error.code === 'ECONNRESET') Object.assign(error, { reusedSocket: true });
        reject(error);
      });
      req.end(body);
    });
  }

  /** Logs the doctor in with Webcert's fake login (once per run). */
  async login(): Promise<void> {
    const answer = await this.request('POST', `${this.urls.webcert}/testability/fake`, JSON.stringify({ hsaId: LOAD_DOCTOR, origin: 'DJUPINTEGRATION' }), { 'content-type': 'application/json' });
    const cookie = answer.headers['set-cookie']?.[0]?.split(';')[0];
    if (answer.status !== 204 || !cookie) throw new Error(`Webcert's fake login refused the replay's doctor (HTTP ${answer.status}): ${answer.body.slice(0, 300)}`);
    this.cookie = cookie;
  }

  /** Makes one step of `c` (its Webcert id given for every step after create). */
  async step(c: PlannedCertificate, kind: StepKind, certificateId: string | undefined, resuming: boolean): Promise<StepOutcome> {
    const outcome = await this.attempt(c, kind, certificateId, resuming);
    // The connection broke without an answer (a reset under load): Webcert may or may not have
    // made the step, so it is made again the way a resume makes it (found, or refused as done).
    if (outcome.kind === 'failed' && /socket hang up|ECONNRESET|EPIPE/.test(outcome.reason)) return this.attempt(c, kind, certificateId, true);
    return outcome;
  }

  private async attempt(c: PlannedCertificate, kind: StepKind, certificateId: string | undefined, resuming: boolean): Promise<StepOutcome> {
    try {
      if (kind === 'create') return await this.create(c, resuming);
      if (!certificateId) return { kind: 'failed', reason: `no draft to ${kind}: its CreateDraftCertificate failed` };
      if (kind === 'sign') return await this.sign(certificateId, resuming);
      const action = kind === 'edit' || kind === 'edit2' ? 'save' : kind;
      const body = action === 'save' ? { by: LOAD_DOCTOR, answers: answersFor(c.typeCode, c.at.create!) } : action === 'revoke' ? { by: LOAD_DOCTOR, reason: 'Fel patient' } : { by: LOAD_DOCTOR };
      const answer = await this.request('POST', `${this.urls.admin}/webcert/certificates/${certificateId}/${action}`, JSON.stringify(body), { 'content-type': 'application/json' });
      if (answer.status === 200 || answer.status === 202) return { kind: 'ok', certificateId };
      // After a restart the step may have been made before the kill: Webcert refuses it as done.
      if (answer.status === 409 && resuming) return { kind: 'already', certificateId };
      return { kind: 'failed', reason: `${action}: HTTP ${answer.status} ${answer.body.slice(0, 200)}` };
    } catch (error) {
      return { kind: 'failed', reason: `${kind}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async create(c: PlannedCertificate, resuming: boolean): Promise<StepOutcome> {
    const unit = this.unitOfRegion.get(c.regionId)!;
    const personId = loadPersonId(c.patient);
    if (resuming) {
      // The draft may have been made before the kill without the answer being recorded.
      const found = await this.request('GET', `${this.urls.admin}/webcert/certificates?personId=${personId}&typeCode=${encodeURIComponent(c.typeCode)}&limit=1`, undefined);
      const existing = found.status === 200 ? (JSON.parse(found.body) as Array<{ id: string }>)[0] : undefined;
      if (existing) return { kind: 'already', certificateId: existing.id };
    }
    const envelope = buildEnvelope(
      buildCreateDraftCertificate({
        typeCode: c.typeCode,
        patient: { personId, fornamn: 'Tolvan', efternamn: `Lastsson ${c.patient}` },
        issuedBy: { hsaId: LOAD_DOCTOR, fullName: 'Lasse Lastläkare' },
        unit: { hsaId: unit, name: 'Vårdcentralen' },
        ref: `load-${c.patient}`,
      }),
      unit,
    );
    const answer = await this.request('POST', this.urls.createDraft, envelope, { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' });
    const id = /intygs-id[^>]*>.*?extension>([^<]+)</s.exec(answer.body)?.[1];
    if (answer.status === 200 && /resultCode>(OK|INFO)</.test(answer.body) && id) return { kind: 'ok', certificateId: id };
    return { kind: 'failed', reason: `CreateDraftCertificate: HTTP ${answer.status} ${/resultText>([^<]*)</.exec(answer.body)?.[1] ?? answer.body.slice(0, 200)}` };
  }

  private async sign(certificateId: string, resuming: boolean): Promise<StepOutcome> {
    const answer = await this.request('POST', `${this.urls.webcert}/api/certificate/${certificateId}/sign`, '{}', { 'content-type': 'application/json', cookie: this.cookie ?? '' });
    if (answer.status === 200) return { kind: 'ok', certificateId };
    if (resuming && /is (SIGNED|REVOKED)/.test(answer.body)) return { kind: 'already', certificateId };
    return { kind: 'failed', reason: `sign: HTTP ${answer.status} ${answer.body.slice(0, 200)}` };
  }

  close(): void {
    this.agent.destroy();
  }
}
