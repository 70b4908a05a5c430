/**
 * Test support: a minimal sign-time IdP on its own party server. It checks the signing service's
 * AuthnRequest with kit/saml (signature against the service's metadata, Destination, ACS), keeps
 * it for inspection, and answers at once with an auto-posting form to the ACS carrying a signed
 * Response built with kit/saml: a user (with signMessageDigest of the shown message), a cancel or
 * a failure, as the test sets {@link FakeSignIdp.behaviour}.
 */
import { HttpResponse } from 'msw';
import type { Clock } from '../../kit/clock/virtualClock.js';
import { PartyServer } from '../../kit/network/partyServer.js';
import { http } from '../../kit/network/routeHandlers.js';
import type { TestPki } from '../../kit/pki/testPki.js';
import { parseAuthnRequest, type ParsedAuthnRequest } from '../../kit/saml/authnRequestParser.js';
import { autoPostForm } from '../../kit/saml/autoPostForm.js';
import { buildIdpMetadata } from '../../kit/saml/metadataBuilder.js';
import { parseMetadata } from '../../kit/saml/metadataParser.js';
import { buildErrorResponse, buildSuccessResponse, ERROR_STATUS } from '../../kit/saml/responseBuilder.js';
import { ATTRIBUTE, NAMEID_FORMAT } from '../../kit/saml/samlConstants.js';
import { signMessageDigest } from '../../kit/saml/signMessage.js';

/** The user the fake IdP authenticates. */
export interface FakeUser {
  hsaId: string;
  givenName: string;
  surname: string;
  name: string;
}

/** How the fake IdP answers the next AuthnRequests. */
export type FakeIdpBehaviour =
  | { kind: 'success'; user?: Partial<FakeUser>; loa?: string; signMessageDigest?: 'correct' | 'wrong' | 'none' }
  | { kind: 'cancel' }
  | { kind: 'fail' };

export const DEFAULT_FAKE_USER: FakeUser = { hsaId: 'TSTNMT2321000156-1079', givenName: 'Ajla', surname: 'Doktor', name: 'Ajla Doktor' };
export const SIGN_PATH = '/saml/sign/sithseid-same-device';

/** A running fake IdP. */
export class FakeSignIdp {
  behaviour: FakeIdpBehaviour = { kind: 'success' };
  readonly requests: ParsedAuthnRequest[] = [];
  private server?: PartyServer;

  private constructor(
    private readonly clock: Clock,
    private readonly credential: { privateKeyPem: string; certificatePem: string },
    private readonly spMetadataXml: () => string,
  ) {}

  static async start(o: { clock: Clock; pki: TestPki; spMetadataXml: () => string }): Promise<FakeSignIdp> {
    const issued = await o.pki.issueFunctionCertificate({ commonName: 'idp.fake.test', hsaId: 'TSTNMT2321000156-FIDP' });
    const idp = new FakeSignIdp(o.clock, issued, o.spMetadataXml);
    idp.server = await PartyServer.start({
      party: 'idp',
      clock: o.clock,
      handlers: [http.get(SIGN_PATH, ({ request }) => idp.answer(new URL(request.url).search))],
    });
    return idp;
  }

  get entityId(): string {
    return `${this.server!.url}/saml`;
  }

  get ssoUrl(): string {
    return `${this.server!.url}${SIGN_PATH}`;
  }

  get metadataXml(): string {
    return buildIdpMetadata({
      entityId: this.entityId,
      singleSignOnServices: [{ binding: 'redirect', location: this.ssoUrl }],
      signingCertificatesPem: [this.credential.certificatePem],
      signing: this.credential,
    });
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  private answer(rawQuery: string): Response {
    let request: ParsedAuthnRequest;
    try {
      request = parseAuthnRequest(
        { binding: 'redirect', rawQuery },
        { clock: this.clock, serviceProvider: () => parseMetadata(this.spMetadataXml()), destinations: [this.ssoUrl] },
      );
    } catch (error) {
      return HttpResponse.text(`fake IdP refused the AuthnRequest: ${(error as Error).message}`, { status: 400 });
    }
    this.requests.push(request);
    const b = this.behaviour;
    const common = { clock: this.clock, issuer: this.entityId, destination: request.assertionConsumerServiceUrl, inResponseTo: request.id, signing: this.credential };
    let samlResponse: string;
    if (b.kind === 'success') {
      const user = { ...DEFAULT_FAKE_USER, ...b.user };
      const shown = request.signMessage?.message ?? '';
      const digest = b.signMessageDigest === 'none' ? [] : [b.signMessageDigest === 'wrong' ? signMessageDigest(`${shown} (ändrat)`) : signMessageDigest(shown)];
      samlResponse = buildSuccessResponse({
        ...common,
        audience: request.issuer,
        nameId: { value: user.hsaId, format: NAMEID_FORMAT.transient },
        sessionIndex: 'fake-session',
        authnContextClassRef: b.loa ?? 'http://id.sambi.se/loa/loa3',
        attributes: [
          { name: ATTRIBUTE.employeeHsaId, values: [user.hsaId] },
          { name: ATTRIBUTE.givenName, values: [user.givenName] },
          { name: ATTRIBUTE.surname, values: [user.surname] },
          { name: ATTRIBUTE.name, values: [user.name] },
          ...(digest.length ? [{ name: ATTRIBUTE.signMessageDigest, values: digest }] : []),
        ],
      }).samlResponse;
    } else {
      samlResponse = buildErrorResponse({ ...common, status: b.kind === 'cancel' ? ERROR_STATUS.cancel() : ERROR_STATUS.authnFailed() }).samlResponse;
    }
    return HttpResponse.html(autoPostForm({ action: request.assertionConsumerServiceUrl, fields: { SAMLResponse: samlResponse, RelayState: request.relayState } }));
  }
}
