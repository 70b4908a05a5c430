/**
 * Test setup for the IdP simulator (not a test file): a temporary PKI with cards, a fake eID app
 * (a PartyServer with msw handlers that signs challenges with the card keys), a Webcert-like SP
 * and a signing-service SP, and a tiny cookie-keeping browser that can present a client certificate.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http as mswHttp, HttpResponse } from 'msw';
import { VirtualClock } from '../kit/clock/virtualClock.js';
import { PartyServer } from '../kit/network/partyServer.js';
import { TestPki } from '../kit/pki/testPki.js';
import { buildSpMetadata } from '../kit/saml/metadataBuilder.js';
import { ATTRIBUTE, SIGSERVICE_ENTITY_CATEGORY } from '../kit/saml/samlConstants.js';
import type { IdpUser } from './idpUsers.js';

export const WEBCERT = { entityId: 'https://webcert.samverkan.test/saml2/service-provider-metadata/siths', acs: 'https://webcert.samverkan.test/login/saml2/sso/siths', slo: 'https://webcert.samverkan.test/logout/saml2/slo' };
export const SIGNSERVICE = { entityId: 'https://sign.samverkan.test/sigservice/sp', acs: 'https://sign.samverkan.test/sigservice/saml/acs' };
export const USERS: Record<'ada' | 'bo', IdpUser> = {
  ada: { hsaId: 'TSTNMT2321000156-1079', givenName: 'Ada', surname: 'Läkare', personId: '191212121212' },
  bo: { hsaId: 'TSTNMT2321000156-107Q', givenName: 'Bo', surname: 'Reserv', reserveCard: true },
};

/** A card: key pair and both certificates. */
export interface TestCard {
  key: KeyObject;
  authCertPem: string;
  signCertPem: string;
}

/** What the fake eID app does with the next orders. */
export type EidBehaviour =
  | { kind: 'approve'; hsaId: string; tamper?: 'signature' | 'hsaId' }
  | { kind: 'fail'; hintCode: string }
  | { kind: 'pending'; hintCode: string };

/** A fake of simulators/eid-app's order API. */
export class FakeEidApp {
  behaviour: EidBehaviour = { kind: 'pending', hintCode: 'outstandingTransaction' };
  readonly orders = new Map<string, { type: string; challenge: string; signMessage?: string; requesterName: string; cancelled: boolean }>();
  private server?: PartyServer;
  private seq = 0;

  constructor(private readonly cards: Map<string, TestCard>) {}

  async start(clock: VirtualClock): Promise<string> {
    this.server = await PartyServer.start({
      party: 'eid-app',
      clock,
      handlers: [
        mswHttp.post('/api/v1/orders', async ({ request }) => {
          const body = (await request.json()) as { type: string; challenge: string; signMessage?: string; requesterName: string };
          const orderRef = `order-${++this.seq}`;
          this.orders.set(orderRef, { ...body, cancelled: false });
          return HttpResponse.json({ orderRef, autoStartToken: `auto-${this.seq}`, qrStartToken: `qr-${this.seq}` }, { status: 201 });
        }),
        mswHttp.get('/api/v1/orders/:ref', ({ params }) => {
          const order = this.orders.get(String(params.ref));
          if (!order) return HttpResponse.json({ errorCode: 'notFound' }, { status: 404 });
          if (order.cancelled) return HttpResponse.json({ status: 'failed', hintCode: 'cancelled' });
          const b = this.behaviour;
          if (b.kind === 'pending') return HttpResponse.json({ status: 'pending', hintCode: b.hintCode });
          if (b.kind === 'fail') return HttpResponse.json({ status: 'failed', hintCode: b.hintCode });
          const card = this.cards.get(b.hsaId);
          if (!card) throw new Error(`no card for ${b.hsaId}`);
          const signed = b.tamper === 'signature' ? Buffer.from('something else') : Buffer.from(order.challenge, 'base64');
          return HttpResponse.json({
            status: 'complete',
            completion: {
              hsaId: b.tamper === 'hsaId' ? 'TSTNMT2321000156-9999' : b.hsaId,
              certificatePem: order.type === 'sign' ? card.signCertPem : card.authCertPem,
              signature: sign('sha256', signed, card.key).toString('base64'),
            },
          });
        }),
        mswHttp.post('/api/v1/orders/:ref/cancel', ({ params }) => {
          const order = this.orders.get(String(params.ref));
          if (order) order.cancelled = true;
          return HttpResponse.json({ status: 'failed', hintCode: 'cancelled' });
        }),
      ],
    });
    return this.server.url;
  }

  lastOrder() {
    return [...this.orders.values()].at(-1);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}

/** PKI, cards for the users, SP credentials and metadata. */
export async function createIdpTestWorld() {
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-idp-'));
  const pki = await TestPki.open(dir);
  const cards = new Map<string, TestCard>();
  for (const user of Object.values(USERS)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const auth = await pki.issuePersonCertificate({ publicKey, person: user, usage: 'authentication' });
    const signature = await pki.issuePersonCertificate({ publicKey, person: user, usage: 'signature' });
    cards.set(user.hsaId, { key: privateKey, authCertPem: auth.certificatePem, signCertPem: signature.certificatePem });
  }
  const webcertCredential = await pki.issueFunctionCertificate({ commonName: 'webcert.samverkan.test', hsaId: 'TSTNMT2321000156-WC' });
  const webcertMetadata = buildSpMetadata({
    entityId: WEBCERT.entityId,
    assertionConsumerServices: [{ location: WEBCERT.acs }],
    singleLogoutServices: [{ binding: 'redirect', location: WEBCERT.slo }],
    signingCertificatesPem: [webcertCredential.certificatePem],
    attributeConsumingServices: [{ index: 1, isDefault: true, serviceName: 'Webcert', requestedAttributes: [{ name: ATTRIBUTE.employeeHsaId, isRequired: true }] }],
  });
  const signServiceCredential = await pki.issueFunctionCertificate({ commonName: 'sign.samverkan.test', hsaId: 'TSTNMT2321000156-SIG' });
  const signServiceMetadata = buildSpMetadata({
    entityId: SIGNSERVICE.entityId,
    assertionConsumerServices: [{ location: SIGNSERVICE.acs }],
    signingCertificatesPem: [signServiceCredential.certificatePem],
    authnRequestsSigned: true,
    entityCategories: [SIGSERVICE_ENTITY_CATEGORY],
  });
  return { dir, pki, cards, webcertCredential, webcertMetadata, signServiceCredential, signServiceMetadata, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A response as the tiny browser sees it. */
export interface BrowserResponse {
  status: number;
  location?: string;
  body: string;
  url: string;
}

/** A cookie-keeping HTTP client for one host (cookies ignore ports, as in browsers). */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly options: { userAgent?: string; clientCert?: { certificatePem: string; privateKeyPem: string }; trustPem?: string } = {}) {}

  get(url: string): Promise<BrowserResponse> {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>): Promise<BrowserResponse> {
    return this.request('POST', url, new URLSearchParams(form).toString());
  }

  /** Follows redirects (absolute or relative) until a non-redirect answer. */
  async follow(first: BrowserResponse, limit = 10): Promise<BrowserResponse> {
    let res = first;
    for (let i = 0; i < limit && res.location; i++) res = await this.get(new URL(res.location, res.url).toString());
    return res;
  }

  request(method: string, url: string, body?: string): Promise<BrowserResponse> {
    const u = new URL(url);
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? 'Mozilla/5.0 Chrome/156.0', ...(cookie ? { cookie } : {}) };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const tls = u.protocol === 'https:' ? { ca: this.options.trustPem, cert: this.options.clientCert?.certificatePem, key: this.options.clientCert?.privateKeyPem } : {};
    const lib = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers, agent: false, ...tls }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair] = c.split(';');
            const [k, ...v] = (pair ?? '').split('=');
            if (!k) continue;
            if (/Max-Age=0/i.test(c)) this.cookies.delete(k.trim());
            else this.cookies.set(k.trim(), v.join('='));
          }
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8'), url });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The hidden fields and action of an auto-post page. */
export function autoPostFields(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1] ?? ''] = (m[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return { action: action.replace(/&amp;/g, '&'), fields };
}

/** A manual clock at wall time (samlify compares times with the wall clock). */
export const wallClock = () => new VirtualClock({ mode: 'manual', start: Date.now() });
