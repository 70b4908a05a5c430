/**
 * The steps of a month's plan in time order, kept in columns (typed arrays): a whole month has
 * about 840,000 steps, which as objects took 58 MB of heap and as columns take 11 MB (decision
 * 0034). A step is read as a {@link PlannedStep} when it is needed.
 */

/** What a certificate does, in time order. */
export const STEP_KINDS = ['create', 'edit', 'edit2', 'sign', 'send', 'revoke', 'delete'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One step of the plan, in time order. */
export interface PlannedStep {
  at: number;
  certificate: number;
  kind: StepKind;
}

/** The plan's steps, ordered by time, then certificate, then step order. */
export class PlanSteps implements Iterable<PlannedStep> {
  private constructor(
    /** Virtual time of each step. */
    readonly at: Float64Array,
    /** The certificate (its index in the plan) of each step. */
    readonly certificate: Int32Array,
    /** The step kind of each step (index into {@link STEP_KINDS}). */
    readonly kind: Uint8Array,
  ) {}

  /** The steps of certificates given as (index, step times), sorted. */
  static of(certificates: Iterable<{ index: number; at: Partial<Record<StepKind, number>> }>, count: number): PlanSteps {
    const at = new Float64Array(count);
    const certificate = new Int32Array(count);
    const kind = new Uint8Array(count);
    let n = 0;
    for (const c of certificates) {
      for (let k = 0; k < STEP_KINDS.length; k++) {
        const t = c.at[STEP_KINDS[k]!];
        if (t === undefined) continue;
        at[n] = t;
        certificate[n] = c.index;
        kind[n] = k;
        n++;
      }
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => at[a]! - at[b]! || certificate[a]! - certificate[b]! || kind[a]! - kind[b]!);
    const steps = new PlanSteps(new Float64Array(n), new Int32Array(n), new Uint8Array(n));
    for (let i = 0; i < n; i++) {
      const j = order[i]!;
      steps.at[i] = at[j]!;
      steps.certificate[i] = certificate[j]!;
      steps.kind[i] = kind[j]!;
    }
    return steps;
  }

  get length(): number {
    return this.at.length;
  }

  /** Step `i` (0-based), or undefined past the end. */
  step(i: number): PlannedStep | undefined {
    if (i < 0 || i >= this.at.length) return undefined;
    return { at: this.at[i]!, certificate: this.certificate[i]!, kind: STEP_KINDS[this.kind[i]!]! };
  }

  /** The last step's time, or undefined for no steps. */
  lastAt(): number | undefined {
    return this.at.length ? this.at[this.at.length - 1] : undefined;
  }

  *[Symbol.iterator](): Iterator<PlannedStep> {
    for (let i = 0; i < this.at.length; i++) yield this.step(i)!;
  }
}
