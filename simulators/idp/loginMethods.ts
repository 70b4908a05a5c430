/**
 * The IdP's login methods as Inera's login page offers them, what each releases as
 * `urn:identityProviderForSign` and `authnMethod`, and when the legacy Net iD method may be used.
 */

/** A login method. */
export type LoginMethod = 'sithseid-other-device' | 'sithseid-same-device' | 'siths-card' | 'netid';

export const LOGIN_METHODS: readonly LoginMethod[] = ['sithseid-other-device', 'sithseid-same-device', 'siths-card', 'netid'];

/** Swedish labels and explanations, as on Inera's page. */
export const METHOD_LABEL: Record<LoginMethod, { title: string; detail: string }> = {
  'sithseid-other-device': { title: 'SITHS eID på annan enhet', detail: 'via SITHS eID-appen' },
  'sithseid-same-device': { title: 'SITHS eID på denna enhet', detail: 'via SITHS eID-appen' },
  'siths-card': { title: 'SITHS-kort på denna enhet', detail: 'via dubbelriktad TLS' },
  netid: { title: 'Net iD (äldre)', detail: 'kräver Internet Explorer 11, upphörde 2023-06-30' },
};

/**
 * `urn:sambi:names:attribute:authnMethod` values. Inera's values for the app methods are not public
 * (reference/protocols.md §6); the card value is the one in Inera's historic sample, the others
 * are samverkan's own and marked as such.
 */
export const AUTHN_METHOD_VALUE: Record<LoginMethod, string> = {
  'sithseid-other-device': 'urn:samverkan:authnMethod:sithseid-other-device',
  'sithseid-same-device': 'urn:samverkan:authnMethod:sithseid-same-device',
  'siths-card': 'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient',
  netid: 'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient',
};

/** Sign-time IdP entity for a login method (`<entityId>/sign/...`); mTLS methods get `<entityId>/sign`, which Webcert skips. */
export function identityProviderForSign(entityId: string, method: LoginMethod): string {
  if (method === 'sithseid-other-device' || method === 'sithseid-same-device') return `${entityId}/sign/${method}`;
  return `${entityId}/sign`;
}

/** The day Net iD support ended. */
export const NETID_END = Date.parse('2023-06-30T00:00:00+02:00');

/** Why Net iD cannot be used now, or undefined when it can (IE11 user agent, virtual time before the end date). */
export function netIdRefusal(userAgent: string, now: number): string | undefined {
  if (now >= NETID_END) return 'Stödet för Net iD upphörde 2023-06-30. Logga in med SITHS eID eller SITHS-kort.';
  if (!userAgent.includes('Trident/7.0')) return 'Net iD kräver Internet Explorer 11. Logga in med SITHS eID eller SITHS-kort i den här webbläsaren.';
  return undefined;
}
