/**
 * SSO sessions at the IdP: a browser that logged in carries a cookie, and a later AuthnRequest
 * without ForceAuthn is answered from the session. Logout ends it. Times are virtual.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { IdpUser } from '../idpUsers.js';
import type { LoginMethod } from '../loginMethods.js';

/** A logged-in browser. */
export interface SsoSession {
  id: string;
  user: IdpUser;
  method: LoginMethod;
  authnInstant: number;
  loa: string;
  /** SAML SessionIndex given to SPs. */
  sessionIndex: string;
  /** SPs that got an assertion in this session. */
  serviceProviders: Set<string>;
  expiresAt: number;
}

/** Default session length: 8 virtual hours (a working day). */
export const DEFAULT_SESSION_MS = 8 * 3600_000;

/** Sessions by id. */
export class SsoSessions {
  private readonly sessions = new Map<string, SsoSession>();

  constructor(private readonly clock: Clock, private readonly lifetimeMs = DEFAULT_SESSION_MS) {}

  /** Opens a session for a user who just authenticated. */
  open(user: IdpUser, method: LoginMethod, loa: string): SsoSession {
    const now = this.clock.now();
    const session: SsoSession = {
      id: randomBytes(18).toString('base64url'),
      user,
      method,
      loa,
      authnInstant: now,
      sessionIndex: `_${randomBytes(16).toString('hex')}`,
      serviceProviders: new Set(),
      expiresAt: now + this.lifetimeMs,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, if any. */
  get(id: string | undefined): SsoSession | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (s && s.expiresAt <= this.clock.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  /** The live session that gave out this SessionIndex. */
  bySessionIndex(sessionIndex: string): SsoSession | undefined {
    for (const s of this.sessions.values()) if (s.sessionIndex === sessionIndex) return this.get(s.id);
    return undefined;
  }

  /** Ends a session; false when there was none. */
  close(id: string | undefined): boolean {
    return id ? this.sessions.delete(id) : false;
  }

  get size(): number {
    return this.sessions.size;
  }
}
