/**
 * The attributes the IdP releases, as Inera's does: employeeHsaId, identityProviderForSign,
 * givenName, surname, urn:name, personalIdentityNumber when known, authnMethod; in sign flows
 * also signMessageDigest.
 */
import type { SamlAttribute } from '../../kit/saml/responseBuilder.js';
import { ATTRIBUTE, LOA } from '../../kit/saml/samlConstants.js';
import { signMessageDigest } from '../../kit/saml/signMessage.js';
import type { IdpUser } from '../idpUsers.js';
import { AUTHN_METHOD_VALUE, identityProviderForSign, type LoginMethod } from '../loginMethods.js';

/** Attribute list for one assertion. */
export function assertionAttributes(o: { user: IdpUser; method: LoginMethod; loginEntityId: string; signMessage?: string }): SamlAttribute[] {
  const attrs: SamlAttribute[] = [
    { name: ATTRIBUTE.employeeHsaId, values: [o.user.hsaId] },
    { name: ATTRIBUTE.identityProviderForSign, values: [identityProviderForSign(o.loginEntityId, o.method)] },
    { name: ATTRIBUTE.givenName, values: [o.user.givenName] },
    { name: ATTRIBUTE.surname, values: [o.user.surname] },
    { name: ATTRIBUTE.name, values: [`${o.user.givenName} ${o.user.surname}`] },
  ];
  if (o.user.personId) attrs.push({ name: ATTRIBUTE.personalIdentityNumber, values: [o.user.personId.replace(/\D/g, '')] });
  attrs.push({ name: ATTRIBUTE.authnMethod, values: [AUTHN_METHOD_VALUE[o.method]] });
  if (o.signMessage !== undefined) attrs.push({ name: ATTRIBUTE.signMessageDigest, values: [signMessageDigest(o.signMessage)] });
  return attrs;
}

/** LoA of a user: 3, or 2 with a reserve card. */
export function userLoa(user: IdpUser): string {
  return user.reserveCard ? LOA.loa2 : LOA.loa3;
}

const LEVEL: Record<string, number> = { [LOA.loa2]: 2, [LOA.loa3]: 3, 'http://id.sambi.se/loa/loa1': 1, 'http://id.sambi.se/loa/loa0': 0 };

/**
 * Whether a LoA satisfies a RequestedAuthnContext (no request: anything goes). Only Sambi LoAs are
 * understood; `minimum`/`better`/`maximum` compare levels, `exact` needs the URI in the list.
 */
export function loaSatisfies(loa: string, requested: { classRefs: string[]; comparison: string } | undefined): boolean {
  if (!requested || requested.classRefs.length === 0) return true;
  const mine = LEVEL[loa] ?? -1;
  const levels = requested.classRefs.map((c) => LEVEL[c]).filter((l): l is number => l !== undefined);
  switch (requested.comparison) {
    case 'minimum':
      return levels.some((l) => mine >= l);
    case 'better':
      return levels.some((l) => mine > l);
    case 'maximum':
      return levels.some((l) => mine <= l);
    default:
      return requested.classRefs.includes(loa);
  }
}

/** Whether this IdP could satisfy the request with some user (loa2 or loa3). */
export function loaPossible(requested: { classRefs: string[]; comparison: string } | undefined): boolean {
  return loaSatisfies(LOA.loa3, requested) || loaSatisfies(LOA.loa2, requested);
}
