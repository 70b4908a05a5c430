/**
 * The identity and signing chain of a topology: the SITHS eID app with its cards, the SITHS IdP,
 * and the signing service, wired to each other and to Webcert the way their configuration files
 * wire them in production (metadata exchanged once at start; the IdP refreshes the signing
 * service's metadata, Webcert does not).
 */
import type { Clock } from '../../simulators/kit/clock/virtualClock.js';
import type { FaultRules } from '../../simulators/kit/faults/faultRules.js';
import type { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import { stopInOrder, type StopOptions } from '../../simulators/kit/network/exchangeDrain.js';
import type { TestPki } from '../../simulators/kit/pki/testPki.js';
import { EidAppSimulator } from '../../simulators/eid-app/eidAppSimulator.js';
import { ModuleCardSource } from '../../simulators/eid-app/token/moduleCardSource.js';
import { IdpSimulator } from '../../simulators/idp/idpSimulator.js';
import { SigningServiceSimulator } from '../../simulators/signing-service/signingServiceSimulator.js';
import type { DirectoryStaffMember } from '../../simulators/webcert/model/certificate.js';
import { readDssServiceMetadata, webcertDssClientMetadata } from '../../simulators/webcert/signing/dssMetadata.js';
import type { WebcertSimulator } from '../../simulators/webcert/webcertSimulator.js';
import { CARD_PIN, cardPerson, ensureCards } from './cardSetup.js';
import type { PartyCredential } from './partyCredentials.js';
import type { TopologyConfig } from './topologyConfig.js';

export interface IdentityParties {
  eidApp: EidAppSimulator;
  idp: IdpSimulator;
  signingService: SigningServiceSimulator;
  /** Stops the signing service, the IdP and the eID app, callers before the parties they call, within one drain bound. */
  stop(options?: StopOptions): Promise<void>;
}

export interface IdentityPartyOptions {
  clock: Clock;
  journal: TrafficJournal;
  faults: FaultRules;
  stateDir: string;
  pki: TestPki;
  staff: DirectoryStaffMember[];
  credentials: { idp: PartyCredential; signingService: PartyCredential; webcert: PartyCredential };
  webcert?: WebcertSimulator;
  eidApp?: TopologyConfig['eidApp'];
  /** Wall-clock waits of the IdP's and the signing service's pages; default a person's. */
  pageTimings?: TopologyConfig['pageTimings'];
  ports?: { eidApp?: number; idp?: number; idpCard?: number; signingService?: number };
}

/** Starts the eID app, the IdP and the signing service and wires them (and Webcert, when simulated). */
export async function startIdentityParties(o: IdentityPartyOptions): Promise<IdentityParties> {
  const realCards = o.eidApp?.cardModule ? new ModuleCardSource({ modulePath: o.eidApp.cardModule }) : undefined;
  if (!realCards) await ensureCards(o.stateDir, o.staff);
  const started: { stop(options?: StopOptions): Promise<void> }[] = [];
  try {
    const eidApp = await EidAppSimulator.start({
      clock: o.clock,
      journal: o.journal,
      faults: o.faults,
      stateDir: o.stateDir,
      cards: realCards,
      // A real card's PIN is typed by its holder (manual mode); simulated cards have a known test PIN.
      app: { mode: o.eidApp?.mode ?? (realCards ? 'manual' : 'auto'), activeCard: o.eidApp?.activeCard ?? o.staff[0]?.hsaId, pin: realCards ? undefined : CARD_PIN },
      port: o.ports?.eidApp,
    });
    started.push(eidApp);
    const idp = await IdpSimulator.start({
      clock: o.clock,
      journal: o.journal,
      faults: o.faults,
      pki: o.pki,
      port: o.ports?.idp,
      cardPort: o.ports?.idpCard,
      eidAppUrl: eidApp.url,
      users: o.staff.map(cardPerson),
      serviceProviders: o.webcert ? [o.webcert.spMetadata('siths'), o.webcert.spMetadata('sithsNormal')] : [],
      credential: o.credentials.idp,
      // A real card's holder may not be in the test directory: take the names from the certificate.
      unknownUsers: realCards ? 'from-certificate' : 'refuse',
      statusPollMs: o.pageTimings?.idpStatusPollMs,
    });
    started.push(idp);
    const signingService = await SigningServiceSimulator.start({
      clock: o.clock,
      journal: o.journal,
      faults: o.faults,
      pki: o.pki,
      port: o.ports?.signingService,
      credential: o.credentials.signingService,
      redirectDelayMs: o.pageTimings?.signingRedirectMs,
      identityProviders: [{ metadataXml: idp.metadataXml('sign-same-device') }, { metadataXml: idp.metadataXml('sign-other-device') }],
      onMetadataChange: (xml) => idp.addServiceProvider(xml),
    });
    started.push(signingService);
    idp.addServiceProvider(signingService.metadataXml());
    if (o.webcert) {
      signingService.addTrustedRequester({
        entityId: `${o.webcert.url}/api/signature/signservice/v1/metadata`,
        metadataXml: webcertDssClientMetadata(o.webcert.url, o.credentials.webcert),
      });
      o.webcert.configureLogin(idp.metadataXml('login'));
      o.webcert.configureSigning({
        credential: o.credentials.webcert,
        service: readDssServiceMetadata(signingService.metadataXml()),
        defaultIdentityProvider: idp.entity('sign-same-device').entityId,
      });
    }
    return {
      eidApp,
      idp,
      signingService,
      stop: async (options) => stopInOrder([...started].reverse(), options),
    };
  } catch (error) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw error;
  }
}
