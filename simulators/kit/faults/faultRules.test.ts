import { test, expect } from '@playwright/test';
import type { FaultEffect, FaultRuleSpec } from './faultRule.js';
import { validateFaultRuleSpec } from './faultRule.js';
import { FaultRules } from './faultRules.js';

const OP = 'CertificateStatusUpdateForCare';
const technical: FaultEffect = { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' };
const validation: FaultEffect = { kind: 'result', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' };
const http503: FaultEffect = { kind: 'httpStatus', status: 503 };

function rule(overrides: Partial<FaultRuleSpec> = {}): FaultRuleSpec {
  return { party: 'journal', operation: OP, effect: technical, ...overrides };
}

test.describe('fault rules: selection', () => {
  test('no rule, other party or other operation: behave normally', () => {
    const rules = new FaultRules();
    expect(rules.take('journal', OP, {})).toBeUndefined();
    rules.add(rule({ party: 'skatteverket' }));
    rules.add(rule({ operation: 'RegisterCertificate' }));
    expect(rules.take('journal', OP, { certificateId: 'c-1' })).toBeUndefined();
  });

  test('the most specific matching rule wins, whatever the order they were added in', () => {
    const rules = new FaultRules();
    rules.add(rule({ effect: validation, match: { certificateId: 'c-1', eventCode: 'SIGNAT' } }));
    rules.add(rule({ effect: http503, match: { certificateId: 'c-1' } }));
    rules.add(rule({ effect: technical }));

    expect(rules.take('journal', OP, { certificateId: 'c-1', eventCode: 'SIGNAT' })).toEqual(validation);
    expect(rules.take('journal', OP, { certificateId: 'c-1', eventCode: 'ANDRAT' })).toEqual(http503);
    expect(rules.take('journal', OP, { certificateId: 'c-2', eventCode: 'SIGNAT' })).toEqual(technical);
  });

  test('among equally specific rules the newest wins', () => {
    const rules = new FaultRules();
    rules.add(rule({ effect: technical, match: { logicalAddress: 'SE-A' } }));
    rules.add(rule({ effect: http503, match: { eventCode: 'SKAPAT' } }));
    expect(rules.take('journal', OP, { logicalAddress: 'SE-A', eventCode: 'SKAPAT' })).toEqual(http503);

    const unmatched = new FaultRules();
    unmatched.add(rule({ effect: technical }));
    unmatched.add(rule({ effect: validation }));
    expect(unmatched.take('journal', OP, {})).toEqual(validation);
  });

  test('a rule with a match does not apply when a field differs or is missing from the request', () => {
    const rules = new FaultRules();
    rules.add(rule({ match: { logicalAddress: 'SE-A', certificateId: 'c-1' } }));
    expect(rules.take('journal', OP, { logicalAddress: 'SE-A' })).toBeUndefined();
    expect(rules.take('journal', OP, { logicalAddress: 'SE-B', certificateId: 'c-1' })).toBeUndefined();
    expect(rules.take('journal', OP, { logicalAddress: 'SE-A', certificateId: 'c-1' })).toEqual(technical);
  });

  test('operation "*" applies to every operation of that party only', () => {
    const rules = new FaultRules();
    rules.add(rule({ operation: '*', effect: { kind: 'reset' } }));
    expect(rules.take('journal', 'RegisterCertificate', {})).toEqual({ kind: 'reset' });
    expect(rules.take('journal', OP, {})).toEqual({ kind: 'reset' });
    expect(rules.take('webcert', OP, {})).toBeUndefined();
  });

  test('personId matches with or without the dash, either side', () => {
    const rules = new FaultRules();
    rules.add(rule({ match: { personId: '19121212-1212' } }));
    expect(rules.take('journal', OP, { personId: '191212121212' })).toEqual(technical);
    expect(rules.take('journal', OP, { personId: '19121212-1212' })).toEqual(technical);
    expect(rules.take('journal', OP, { personId: '201212121212' })).toBeUndefined();

    const undashed = new FaultRules();
    undashed.add(rule({ match: { personId: '191212121212' } }));
    expect(undashed.take('journal', OP, { personId: '19121212-1212' })).toEqual(technical);
  });
});

test.describe('fault rules: times and probability', () => {
  test('times: n retires the rule after n matching requests ("TECHNICAL_ERROR 2 times, then OK")', () => {
    const rules = new FaultRules();
    const added = rules.add(rule({ times: 2 }));
    expect(added.fired).toBe(0);
    expect(rules.take('journal', OP, {})).toEqual(technical);
    expect(rules.list()[0]).toMatchObject({ id: added.id, fired: 1 });
    expect(rules.take('journal', OP, {})).toEqual(technical);
    expect(rules.list()).toEqual([]);
    expect(rules.take('journal', OP, {})).toBeUndefined();
  });

  test('when a times-rule retires, the next rule in line takes over', () => {
    const rules = new FaultRules();
    rules.add(rule({ effect: http503 }));
    rules.add(rule({ effect: technical, times: 1, match: { certificateId: 'c-1' } }));
    expect(rules.take('journal', OP, { certificateId: 'c-1' })).toEqual(technical);
    expect(rules.take('journal', OP, { certificateId: 'c-1' })).toEqual(http503);
  });

  test('probability with a seed gives the same sequence every run; another seed a different one', () => {
    const sequence = (seed: number) => {
      const rules = new FaultRules();
      rules.add(rule({ probability: 0.5, seed }));
      return Array.from({ length: 40 }, () => (rules.take('journal', OP, {}) ? 1 : 0)).join('');
    };
    const a = sequence(42);
    expect(sequence(42)).toBe(a);
    expect(sequence(7)).not.toBe(a);
    const fired = [...a].filter((c) => c === '1').length;
    expect(fired).toBeGreaterThan(5);
    expect(fired).toBeLessThan(35);
  });

  test('probability 0 never fires, 1 always; default seed repeats', () => {
    const rules = new FaultRules();
    rules.add(rule({ probability: 0 }));
    expect(Array.from({ length: 20 }, () => rules.take('journal', OP, {}))).toEqual(Array(20).fill(undefined));

    const always = new FaultRules();
    always.add(rule({ probability: 1 }));
    expect(Array.from({ length: 20 }, () => always.take('journal', OP, {}))).toEqual(Array(20).fill(technical));

    const run = () => {
      const r = new FaultRules();
      r.add(rule({ probability: 0.3 }));
      return Array.from({ length: 30 }, () => (r.take('journal', OP, {}) ? 'x' : '.')).join('');
    };
    expect(run()).toBe(run());
  });

  test('remove, clear by party, list by party', () => {
    const rules = new FaultRules();
    const a = rules.add(rule());
    rules.add(rule({ party: 'skatteverket', operation: 'RegisterCertificate' }));
    rules.add(rule({ party: 'skatteverket', operation: 'RevokeCertificate' }));
    expect(rules.list('skatteverket').map((r) => r.operation)).toEqual(['RegisterCertificate', 'RevokeCertificate']);
    expect(rules.remove(a.id)).toBe(true);
    expect(rules.remove(a.id)).toBe(false);
    rules.clear('skatteverket');
    expect(rules.list()).toEqual([]);
  });
});

test.describe('validateFaultRuleSpec', () => {
  const invalid = (spec: unknown) => {
    try {
      validateFaultRuleSpec(spec);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the spec to be refused');
  };

  test('a valid rule comes back unchanged', () => {
    const spec = rule({ times: 29, match: { logicalAddress: 'SE-A' } });
    expect(validateFaultRuleSpec(spec)).toEqual(spec);
  });

  test('each wrong field is named', () => {
    expect(invalid(null)).toBe('fault rule must be a JSON object');
    expect(invalid({ operation: OP, effect: technical })).toContain('"party" (e.g. "journal") is required');
    expect(invalid({ party: 'journal', effect: technical })).toContain('"operation" (e.g. "CertificateStatusUpdateForCare" or "*") is required');
    expect(invalid(rule({ effect: { kind: 'explode' } as unknown as FaultEffect }))).toBe(
      'invalid fault rule: "effect.kind" must be one of result, soapFault, httpStatus, delay, reset, noAnswer',
    );
    expect(invalid(rule({ effect: { kind: 'result', resultCode: 'MAYBE' } as unknown as FaultEffect }))).toContain('"effect.resultCode" must be OK, INFO or ERROR');
    expect(invalid(rule({ effect: { kind: 'result', resultCode: 'ERROR' } }))).toContain('"effect.errorId" is required with resultCode ERROR');
    expect(invalid(rule({ effect: { kind: 'result', resultCode: 'ERROR', errorId: 'OOPS' } as unknown as FaultEffect }))).toContain('"effect.errorId" OOPS is not a RIV-TA errorId');
    expect(invalid(rule({ effect: { kind: 'httpStatus', status: 700 } }))).toContain('"effect.status" must be an HTTP status 200..599');
    expect(invalid(rule({ effect: { kind: 'httpStatus', status: 204, body: 'x' } }))).toContain('"effect.body" cannot go with status 204, which has no body');
    expect(invalid(rule({ effect: { kind: 'delay', ms: -5 } }))).toContain('"effect.ms" must be 0..600000 milliseconds (10 min)');
    expect(invalid(rule({ effect: { kind: 'delay', ms: 1e12 } }))).toContain('"effect.ms" must be 0..600000 milliseconds (10 min); for a peer that never answers use {"kind":"noAnswer"}');
    expect(invalid(rule({ effect: { kind: 'delay', ms: Number.POSITIVE_INFINITY } }))).toContain('"effect.ms" must be 0..600000');
    expect(invalid(rule({ effect: { kind: 'soapFault', faultstring: 42 } as unknown as FaultEffect }))).toContain('"effect.faultstring" must be text');
    expect(invalid(rule({ effect: { kind: 'reset', ms: 5 } as unknown as FaultEffect }))).toContain('"effect" of kind reset has unknown field(s) ms; it takes kind');
    expect(invalid({ ...rule(), time: 3 })).toContain('unknown field(s) time; a rule has party, operation, effect, match, times, probability, seed');
    expect(invalid(rule({ probability: '0.5' as unknown as number }))).toContain('"probability" must be a number between 0 and 1');
    expect(invalid(rule({ times: 0 }))).toContain('"times" must be a positive integer, or absent for always');
    expect(invalid(rule({ times: 1.5 }))).toContain('"times" must be a positive integer');
    expect(invalid(rule({ probability: 1.5 }))).toContain('"probability" must be a number between 0 and 1');
    expect(invalid(rule({ match: {} }))).toContain('"match", when given, needs at least one of logicalAddress, certificateId, personId, eventCode');
  });

  test('several problems are reported together', () => {
    expect(invalid({ party: '', operation: '', effect: technical, times: -1 })).toBe(
      'invalid fault rule: "party" (e.g. "journal") is required; "operation" (e.g. "CertificateStatusUpdateForCare" or "*") is required; "times" must be a positive integer, or absent for always',
    );
  });

  test('FaultRules.add refuses an invalid rule with the same message, and keeps nothing', () => {
    const rules = new FaultRules();
    expect(() => rules.add(rule({ times: 0 }))).toThrow('"times" must be a positive integer');
    expect(rules.list()).toEqual([]);
  });

  test('FaultRules that know their parties refuse a rule or a filter for any other, naming the valid ones', () => {
    const rules = new FaultRules({ parties: ['journal', 'webcert'] });
    expect(() => rules.add(rule({ party: 'jounral' }))).toThrow('"party" "jounral" is not a party of this topology; use one of journal, webcert');
    expect(() => rules.list('idp')).toThrow('"idp" is not a party of this topology; use one of journal, webcert');
    expect(() => rules.clear('idp')).toThrow('use one of journal, webcert');
    expect(rules.add(rule({ party: 'webcert' })).party).toBe('webcert');
    expect(rules.list()).toHaveLength(1);
  });

  // Was a bug (faultRule.ts:82), fixed: `typeof null === 'object'`, so `match: null` reaches Object.keys(null)
  // and throws a bare TypeError instead of the "invalid fault rule: "match" ..." message.
  test('match: null is refused with the "match" message, not a TypeError', () => {
    expect(invalid(rule({ match: null as unknown as undefined }))).toContain('"match"');
  });

  // Was a bug (faultRule.ts:82), fixed: a match with only unknown keys (a typo such as "personnummer") passes
  // validation; matches() ignores unknown keys, so the rule fires for every request of the
  // operation, and specificity() even counts the unknown key.
  test('a match with an unknown field (typo) is refused', () => {
    expect(invalid(rule({ match: { personnummer: '191212121212' } as unknown as FaultRuleSpec['match'] }))).toContain('"match"');
  });
});
