/**
 * Test support: a signing service with a fake IdP and a Webcert-shaped requester (key, metadata,
 * a copy of the service metadata taken at start, as Webcert holds it), and the browser's walk
 * through one signature: SignRequest → waiting page → IdP → ACS → SignResponse form.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { TestPki } from '../../kit/pki/testPki.js';
import { buildSpMetadata } from '../../kit/saml/metadataBuilder.js';
import { SigningServiceSimulator, type SigningServiceSimulatorOptions } from '../signingServiceSimulator.js';
import { formIn, getPage, linkIn, postForm, type PageForm } from './browserSteps.js';
import { FakeSignIdp, DEFAULT_FAKE_USER, type FakeIdpBehaviour } from './fakeSignIdp.js';
import { webcertStyleSignRequest, type BuiltSignRequest, type SignRequestVariant } from './webcertStyleSignRequest.js';

/** Webcert's base URL in the tests (never called: the tests read the form that would go there). */
export const WEBCERT_BASE = 'https://webcert.samverkan.test';
export const WEBCERT_ENTITY = `${WEBCERT_BASE}/api/signature/signservice/v1/metadata`;
export const WEBCERT_RESPONSE_URL = `${WEBCERT_BASE}/api/signature/signservice/v1/response`;

/** One started world. */
export interface SigningWorld {
  clock: VirtualClock;
  journal: TrafficJournal;
  pki: TestPki;
  service: SigningServiceSimulator;
  idp: FakeSignIdp;
  webcert: { privateKeyPem: string; certificatePem: string };
  /** The service metadata Webcert loaded at start (never refreshed). */
  heldMetadataXml: string;
  request(variant?: SignRequestVariant, extra?: { credential?: { privateKeyPem: string; certificatePem: string } | null; signerHsaId?: string }): BuiltSignRequest;
  stop(): Promise<void>;
}

/** Starts PKI, service, fake IdP; `pkiDir` shares one test PKI between worlds of a file. */
export async function startSigningWorld(o: { pkiDir?: string; service?: Partial<SigningServiceSimulatorOptions> } = {}): Promise<SigningWorld> {
  const ownDir = o.pkiDir ? undefined : mkdtempSync(join(tmpdir(), 'samverkan-dss-'));
  const pki = await TestPki.open(o.pkiDir ?? ownDir!);
  const clock = new VirtualClock({ mode: 'manual', start: Date.parse('2026-05-04T08:00:00Z') });
  const journal = TrafficJournal.open({ path: ':memory:' });
  const webcert = await pki.issueFunctionCertificate({ commonName: 'webcert.samverkan.test', hsaId: 'TSTNMT2321000156-WEBCERT' });
  const webcertMetadata = buildSpMetadata({ entityId: WEBCERT_ENTITY, assertionConsumerServices: [{ location: WEBCERT_RESPONSE_URL }], signingCertificatesPem: [webcert.certificatePem] });
  const service = await SigningServiceSimulator.start({
    clock,
    journal,
    pki,
    trustedRequesters: [{ entityId: WEBCERT_ENTITY, metadataXml: webcertMetadata }],
    redirectDelayMs: 0,
    ...o.service,
  });
  const idp = await FakeSignIdp.start({ clock, pki, spMetadataXml: () => service.metadataXml() });
  service.addIdentityProvider({ metadataXml: idp.metadataXml });
  const heldMetadataXml = service.metadataXml();
  return {
    clock,
    journal,
    pki,
    service,
    idp,
    webcert,
    heldMetadataXml,
    request: (variant, extra) =>
      webcertStyleSignRequest({
        now: clock.now(),
        webcertBaseUrl: WEBCERT_BASE,
        signerHsaId: extra?.signerHsaId ?? DEFAULT_FAKE_USER.hsaId,
        identityProvider: idp.ssoUrl,
        signServiceEntityId: service.endpoints.entityId,
        credential: extra?.credential === null ? undefined : (extra?.credential ?? webcert),
        variant,
      }),
    stop: async () => {
      await Promise.all([service.stop(), idp.stop()]);
      journal.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

/** Every page of one signature, as the browser saw them. */
export interface SigningWalk {
  waitingHtml: string;
  /** The form that carries the SignResponse (or undefined when the service answered an error page). */
  responseForm?: PageForm;
  lastStatus: number;
  lastHtml: string;
}

/** Walks one signature through the service and the fake IdP. */
export async function walkSignature(world: SigningWorld, request: BuiltSignRequest, behaviour: FakeIdpBehaviour = { kind: 'success' }, relayState?: string): Promise<SigningWalk> {
  world.idp.behaviour = behaviour;
  const first = await postForm(world.service.endpoints.requestUrl, request.form(relayState));
  if (first.status !== 200 || !first.html.includes('id="till-idp"')) {
    const responseForm = first.html.includes('auto-post-form') ? formIn(first.html) : undefined;
    return { waitingHtml: first.html, responseForm, lastStatus: first.status, lastHtml: first.html };
  }
  const atIdp = await getPage(linkIn(first.html, 'till-idp'));
  if (atIdp.status !== 200) throw new Error(`fake IdP answered ${atIdp.status}: ${atIdp.html}`);
  const toAcs = formIn(atIdp.html);
  const last = await postForm(toAcs.action, toAcs.fields);
  return { waitingHtml: first.html, responseForm: last.html.includes('auto-post-form') ? formIn(last.html) : undefined, lastStatus: last.status, lastHtml: last.html };
}
