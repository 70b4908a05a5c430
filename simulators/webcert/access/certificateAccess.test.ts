import { expect, test } from '@playwright/test';
import type { CertificateRelations } from '../lifecycle/certificateRelations.js';
import { lisjpDraft, signedDb, testUnit } from '../message/certificateFixtures.js';
import type { Certificate } from '../model/certificate.js';
import type { IntegrationParameters } from '../web/launchParameters.js';
import { evaluateAccess, evaluateAllAccess, REFUSAL_TEXTS, type AccessFacts, type LifecycleAction } from './certificateAccess.js';

const UNIT = testUnit().hsaId;
const OTHER_UNIT = 'TSTNMT2321000156-BETA';
const signedLisjp = (): Certificate => ({ ...lisjpDraft(), status: 'SIGNED', signedAt: 1 });
const launch = (p: Partial<IntegrationParameters> = {}): IntegrationParameters => ({ sjf: false, inaktivEnhet: false, avliden: false, kopieringOK: true, ...p });
const NO_RELATIONS: CertificateRelations = { children: [] };

function facts(o: Partial<AccessFacts> & { unitId?: string } = {}): AccessFacts {
  return {
    certificate: signedLisjp(),
    relations: NO_RELATIONS,
    sent: false,
    user: { unitId: o.unitId ?? UNIT, origin: 'DJUPINTEGRATION' },
    launch: launch(),
    ...o,
  };
}

const verdicts = (f: AccessFacts) => Object.fromEntries(Object.entries(evaluateAllAccess(f)).map(([a, d]) => [a, d.allowed ? 'ALLOWED' : `${d.code}${d.offered ? ' (shown)' : ''}`]));

test.describe('access rules for a signed certificate', () => {
  test('a signed LISJP of the own unit, launched with defaults: send, renew, replace and revoke', () => {
    expect(verdicts(facts())).toEqual({ SEND: 'ALLOWED', RENEW: 'ALLOWED', REPLACE: 'ALLOWED', REVOKE: 'ALLOWED', CREATE_FROM_TEMPLATE: 'INVALID_STATE' });
    // Without any launch (no integration parameters) nothing is restricted by them either.
    expect(verdicts(facts({ launch: undefined }))).toEqual(verdicts(facts()));
  });

  test('inaktivEnhet=true: renew and replace refused on the own unit with Webcert\'s text; send and revoke still allowed', () => {
    const f = facts({ launch: launch({ inaktivEnhet: true }) });
    expect(verdicts(f)).toEqual({ SEND: 'ALLOWED', RENEW: 'INACTIVE_UNIT (shown)', REPLACE: 'INACTIVE_UNIT (shown)', REVOKE: 'ALLOWED', CREATE_FROM_TEMPLATE: 'INVALID_STATE' });
    expect(evaluateAccess('RENEW', f)).toEqual({ allowed: false, offered: true, code: 'INACTIVE_UNIT', reason: 'Enheten är markerad som inaktiv i journalsystemet, vilket innebär att viss funktionalitet ej är tillgänglig.' });
  });

  test('kopieringOK=false: only renew refused on the own unit; on another unit\'s certificate replace, send and revoke too', () => {
    expect(verdicts(facts({ launch: launch({ kopieringOK: false }) }))).toEqual({ SEND: 'ALLOWED', RENEW: 'RENEW_FALSE (shown)', REPLACE: 'ALLOWED', REVOKE: 'ALLOWED', CREATE_FROM_TEMPLATE: 'INVALID_STATE' });
    expect(evaluateAccess('RENEW', facts({ launch: launch({ kopieringOK: false }) }))).toMatchObject({ reason: REFUSAL_TEXTS.RENEW_FALSE });
    expect(verdicts(facts({ unitId: OTHER_UNIT, launch: launch({ kopieringOK: false }) }))).toEqual({
      SEND: 'RENEW_FALSE (shown)', RENEW: 'RENEW_FALSE (shown)', REPLACE: 'RENEW_FALSE (shown)', REVOKE: 'RENEW_FALSE (shown)', CREATE_FROM_TEMPLATE: 'INVALID_STATE',
    });
  });

  test('avliden=true changes nothing: Webcert takes a death from PU', () => {
    expect(verdicts(facts({ launch: launch({ avliden: true }) }))).toEqual(verdicts(facts()));
  });

  test('replaced by a draft: replace refused (shown, Webcert\'s text), renew still allowed; by a signed certificate: renew and send refused too', () => {
    const byDraft: CertificateRelations = { children: [{ code: 'ERSATT', certificateId: 'new', status: 'DRAFT_COMPLETE', typeCode: 'LISJP' }] };
    expect(verdicts(facts({ relations: byDraft }))).toMatchObject({ REPLACE: 'INVALID_STATE_REPLACED (shown)', RENEW: 'ALLOWED', SEND: 'ALLOWED' });
    expect(evaluateAccess('REPLACE', facts({ relations: byDraft }))).toMatchObject({ reason: 'Intyget har blivit ersatt av ett senare intyg.' });
    const bySigned: CertificateRelations = { children: [{ code: 'ERSATT', certificateId: 'new', status: 'SIGNED', typeCode: 'LISJP' }] };
    expect(verdicts(facts({ relations: bySigned }))).toMatchObject({ REPLACE: 'INVALID_STATE_REPLACED (shown)', RENEW: 'INVALID_STATE_REPLACED (shown)', SEND: 'INVALID_STATE_REPLACED', REVOKE: 'ALLOWED' });
    // A revoked replacement no longer counts; a deleted draft is gone from the relations altogether.
    const byRevoked: CertificateRelations = { children: [{ code: 'ERSATT', certificateId: 'new', status: 'REVOKED', typeCode: 'LISJP' }] };
    expect(verdicts(facts({ relations: byRevoked }))).toMatchObject({ REPLACE: 'ALLOWED', RENEW: 'ALLOWED' });
  });

  test('renewed (FRLANG) certificates may be renewed and replaced again', () => {
    const renewed: CertificateRelations = { children: [{ code: 'FRLANG', certificateId: 'r', status: 'SIGNED', typeCode: 'LISJP' }] };
    expect(verdicts(facts({ relations: renewed }))).toMatchObject({ RENEW: 'ALLOWED', REPLACE: 'ALLOWED' });
  });

  test('only the types with FORNYA_INTYG are renewed; a sent certificate is not offered for sending again', () => {
    const db = { ...signedDb(), status: 'SIGNED' as const };
    expect(evaluateAccess('RENEW', facts({ certificate: db }))).toMatchObject({ allowed: false, offered: false });
    expect(evaluateAccess('SEND', facts({ certificate: db }))).toMatchObject({ allowed: false, offered: false });
    expect(evaluateAccess('SEND', facts({ sent: true }))).toMatchObject({ allowed: false, offered: false, reason: 'Intyget är redan skickat till Försäkringskassan.' });
  });

  test('a draft or a revoked certificate offers none of them', () => {
    for (const certificate of [lisjpDraft(), { ...signedLisjp(), status: 'REVOKED' as const }]) {
      for (const d of Object.values(evaluateAllAccess(facts({ certificate })))) expect(d).toMatchObject({ allowed: false, offered: false });
    }
  });

  test('"Skapa dödsorsaksintyg" from a DB: only outside deep integration, refused by inaktivEnhet and kopieringOK, and by DOI\'s uniqueness', () => {
    const db = { ...signedDb(), status: 'SIGNED' as const };
    const normal = (o: Partial<AccessFacts> = {}) => facts({ certificate: db, user: { unitId: UNIT, origin: 'NORMAL' }, launch: undefined, ...o });
    expect(evaluateAccess('CREATE_FROM_TEMPLATE', normal())).toEqual({ allowed: true });
    expect(evaluateAccess('CREATE_FROM_TEMPLATE', facts({ certificate: db }))).toMatchObject({ allowed: false, offered: false, reason: REFUSAL_TEXTS.TEMPLATE_INTEGRATED });
    expect(evaluateAccess('CREATE_FROM_TEMPLATE', normal({ launch: launch({ kopieringOK: false }) }))).toMatchObject({ code: 'RENEW_FALSE', offered: true });
    expect(evaluateAccess('CREATE_FROM_TEMPLATE', normal({ templateRefusal: 'Det finns ett utkast på dödsorsaksintyg …' }))).toMatchObject({ code: 'UNIQUE_CERTIFICATE', offered: true });
    // DB and DOI may be replaced on another unit, and kopieringOK does not bind them.
    const actions: LifecycleAction[] = ['REPLACE'];
    for (const a of actions) expect(evaluateAccess(a, facts({ certificate: db, unitId: OTHER_UNIT, launch: launch({ kopieringOK: false }) }))).toEqual({ allowed: true });
  });
});
