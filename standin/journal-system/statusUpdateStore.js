// @ts-check
/**
 * The journal's record of status updates: one entry per (intygs-id, handelsekod, tidpunkt), the
 * idempotency key, however often and in whatever order it arrives. A certificate's state is its
 * newest event by tidpunkt, never by arrival.
 */
import { createHash } from 'node:crypto';

/**
 * @typedef {import('./soapMessages.js').StatusUpdateFacts} StatusUpdateFacts
 * @typedef {object} StoredUpdate
 * @property {string} key
 * @property {StatusUpdateFacts} facts
 * @property {string} firstReceivedAt  ISO time of the first arrival
 * @property {number} arrivals         how often it came
 * @property {string[]} bodySha256     digest of each distinct request body seen for this key
 */

/** @param {StatusUpdateFacts} f */
export function idempotencyKey(f) {
  return `${f.certificateRoot}/${f.certificateId}|${f.eventCode}|${f.eventTime}`;
}

export class StatusUpdateStore {
  /** @param {number} [maxEntries] oldest entries go first beyond this */
  constructor(maxEntries = 100_000) {
    this.maxEntries = maxEntries;
    /** @type {Map<string, StoredUpdate>} */
    this.byKey = new Map();
  }

  /** @param {StatusUpdateFacts} facts */
  has(facts) {
    return this.byKey.has(idempotencyKey(facts));
  }

  /**
   * Files an update; a repeat of a known key only counts the arrival.
   * @param {StatusUpdateFacts} facts
   * @param {string} body the whole request as received
   * @returns {{ duplicate: boolean, stored: StoredUpdate }}
   */
  add(facts, body) {
    const key = idempotencyKey(facts);
    const digest = createHash('sha256').update(body).digest('hex');
    const known = this.byKey.get(key);
    if (known) {
      known.arrivals++;
      if (!known.bodySha256.includes(digest)) known.bodySha256.push(digest);
      return { duplicate: true, stored: known };
    }
    const stored = { key, facts, firstReceivedAt: new Date().toISOString(), arrivals: 1, bodySha256: [digest] };
    this.byKey.set(key, stored);
    if (this.byKey.size > this.maxEntries) this.byKey.delete(/** @type {string} */ (this.byKey.keys().next().value));
    return { duplicate: false, stored };
  }

  /** Every certificate with its events in tidpunkt order and its state (the newest event). */
  certificates() {
    /** @type {Map<string, StoredUpdate[]>} */
    const grouped = new Map();
    for (const u of this.byKey.values()) {
      const id = `${u.facts.certificateRoot}/${u.facts.certificateId}`;
      grouped.set(id, [...(grouped.get(id) ?? []), u]);
    }
    return [...grouped.entries()].map(([id, updates]) => {
      const events = updates
        .map((u) => ({ eventCode: u.facts.eventCode, eventTime: u.facts.eventTime, arrivals: u.arrivals, distinctBodies: u.bodySha256.length }))
        .sort((a, b) => a.eventTime.localeCompare(b.eventTime));
      return { certificate: id, personId: updates[0]?.facts.personId, state: events[events.length - 1]?.eventCode, events };
    });
  }
}
