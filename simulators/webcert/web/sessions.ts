/**
 * Webcert's HTTP sessions: a cookie (`SESSION`) naming a server-side session that holds the
 * logged-in user, a launch waiting for login, and the deep-integration parameters of the one
 * launch a session may have.
 */
import { randomUUID } from 'node:crypto';
import type { StaffMember } from '../model/certificate.js';
import type { IntegrationParameters } from './launchParameters.js';

export const SESSION_COOKIE = 'SESSION';

/** How the user logged in (Webcert's AuthenticationMethod). */
export type AuthenticationMethod = 'SITHS' | 'FAKE';

/** The logged-in user, as Webcert builds it after login (SAML, then HSA). */
export interface WebcertUser {
  staff: StaffMember;
  authenticationMethod: AuthenticationMethod;
  /** AuthnContextClassRef of the login, or `urn:inera:webcert:siths:fake`. */
  authenticationScheme: string;
  /** `urn:identityProviderForSign` from the login, or `fake_signature_provider`. */
  identityProviderForSign: string;
  origin: 'DJUPINTEGRATION' | 'NORMAL';
  selectedUnit?: string;
  /** NameID and SessionIndex of the SAML login, for logout. */
  saml?: { nameId: string; sessionIndex?: string };
}

export type { IntegrationParameters } from './launchParameters.js';

export interface WebcertSession {
  id: string;
  user?: WebcertUser;
  /** A launch that arrived before login; resumed after it. */
  pendingLaunch?: { certificateId: string; enhet?: string; parameters: IntegrationParameters };
  /**
   * The session's one deep-integration launch: the certificate it opened and its parameters, which
   * hold for every request of the session (read them with `launchParametersOf`).
   */
  integration?: {
    certificateId: string;
    parameters: IntegrationParameters;
    /** The draft's person id before the launch moved it onto `alternatePatientSSn`. */
    beforeAlternateSsn?: string;
  };
  /** Outstanding SAML AuthnRequest IDs of this browser. */
  authnRequests: Set<string>;
}

/** Sessions of one Webcert simulator. */
export class SessionStore {
  private readonly sessions = new Map<string, WebcertSession>();

  /** The session the request's cookie names, if it exists. */
  find(request: Request): WebcertSession | undefined {
    const cookie = request.headers.get('cookie') ?? '';
    const id = /(?:^|;\s*)SESSION=([^;]+)/.exec(cookie)?.[1];
    return id ? this.sessions.get(id) : undefined;
  }

  /** The request's session, or a new one. `created` says whether a cookie must be set. */
  open(request: Request): { session: WebcertSession; created: boolean } {
    const found = this.find(request);
    if (found) return { session: found, created: false };
    const session: WebcertSession = { id: randomUUID(), authnRequests: new Set() };
    this.sessions.set(session.id, session);
    return { session, created: true };
  }

  remove(session: WebcertSession): void {
    this.sessions.delete(session.id);
  }

  /** Ends the session tied to a launchId if it belongs to the user (POST /api/v1/session/invalidate). */
  invalidateByLaunchId(launchId: string, userHsaId: string): boolean {
    for (const s of this.sessions.values()) {
      if (s.integration?.parameters.launchId === launchId && s.user?.staff.hsaId === userHsaId) {
        this.sessions.delete(s.id);
        return true;
      }
    }
    return false;
  }

  /** `Set-Cookie` value for a session (HttpOnly, SameSite=Lax; the simulator serves plain HTTP). */
  static cookie(session: WebcertSession): string {
    return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`;
  }
}
