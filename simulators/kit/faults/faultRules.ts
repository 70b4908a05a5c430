/**
 * The set of fault rules of one topology. Selection follows Inera's intyg-mock-service: among the
 * rules that match a request, the most specific (most match fields) wins, ties go to the newest.
 */
import { randomUUID } from 'node:crypto';
import type { FaultEffect, FaultMatch, FaultRule, FaultRuleSpec } from './faultRule.js';
import { validateFaultRuleSpec } from './faultRule.js';

/** Facts about one request, extracted by the party that received it. */
export type RequestFacts = FaultMatch;

/** A deterministic generator in [0, 1) (mulberry32), one per rule. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (s: string | undefined) => s?.replace(/\D/g, '');

function matches(match: FaultMatch | undefined, facts: RequestFacts): boolean {
  if (!match) return true;
  if (match.logicalAddress !== undefined && match.logicalAddress !== facts.logicalAddress) return false;
  if (match.certificateId !== undefined && match.certificateId !== facts.certificateId) return false;
  if (match.personId !== undefined && digits(match.personId) !== digits(facts.personId)) return false;
  if (match.eventCode !== undefined && match.eventCode !== facts.eventCode) return false;
  return true;
}

const specificity = (r: FaultRule) => Object.values(r.match ?? {}).filter((v) => v !== undefined).length;

/** How to make a {@link FaultRules}. */
export interface FaultRulesOptions {
  /**
   * The parties whose requests consult these rules (as they name themselves to {@link FaultRules.take});
   * a rule or a filter naming any other party is refused. Absent: any name is taken.
   */
  parties?: readonly string[];
}

/** Fault rules of one topology, shared by its parties and its admin API. */
export class FaultRules {
  private rules: FaultRule[] = [];
  private readonly random = new Map<string, () => number>();
  private seq = 0;
  /** The parties rules may name, when known. */
  readonly parties: readonly string[] | undefined;

  constructor(options: FaultRulesOptions = {}) {
    this.parties = options.parties ? [...options.parties] : undefined;
  }

  /**
   * Adds a rule after checking all of it (nothing is kept when it is refused); returns it with its id.
   * @throws {Error} naming every wrong field and what is allowed.
   */
  add(spec: FaultRuleSpec): FaultRule {
    const valid = validateFaultRuleSpec(spec, this.parties);
    const rule: FaultRule = { ...valid, id: randomUUID(), fired: 0, createdAt: this.seq++ };
    this.rules.push(rule);
    if (rule.probability !== undefined) this.random.set(rule.id, seeded(rule.seed ?? 1));
    return rule;
  }

  /** Removes one rule; false if no rule has that id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    this.random.delete(id);
    return this.rules.length < before;
  }

  /** Removes every rule, or every rule of one party. @throws {Error} for a party not in {@link parties}. */
  clear(party?: string): void {
    this.checkParty(party);
    this.rules = party === undefined ? [] : this.rules.filter((r) => r.party !== party);
  }

  /** Rules still active, oldest first. @throws {Error} for a party not in {@link parties}. */
  list(party?: string): FaultRule[] {
    this.checkParty(party);
    return this.rules.filter((r) => party === undefined || r.party === party).map((r) => ({ ...r }));
  }

  private checkParty(party: string | undefined): void {
    if (party !== undefined && this.parties && !this.parties.includes(party)) {
      throw new Error(`"${party.slice(0, 60)}" is not a party of this topology; use one of ${this.parties.join(', ')}`);
    }
  }

  /**
   * Picks the effect for one request and counts it against the rule's `times`; undefined means
   * behave normally. A rule whose `times` is used up is retired.
   */
  take(party: string, operation: string, facts: RequestFacts): FaultEffect | undefined {
    if (this.rules.length === 0) return undefined;
    const candidates = this.rules
      .filter((r) => r.party === party && (r.operation === operation || r.operation === '*'))
      .filter((r) => matches(r.match, facts))
      .sort((a, b) => specificity(b) - specificity(a) || b.createdAt - a.createdAt);
    for (const rule of candidates) {
      const draw = this.random.get(rule.id);
      if (draw && draw() >= (rule.probability ?? 1)) continue;
      rule.fired++;
      if (rule.times !== undefined && rule.fired >= rule.times) this.remove(rule.id);
      return rule.effect;
    }
    return undefined;
  }
}
