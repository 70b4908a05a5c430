// @ts-check
/**
 * Validation of one XML element against an XSD with libxml2's xmllint, asynchronously and a few
 * at a time, so a burst of status updates does not start a process per request all at once.
 */
import { spawn } from 'node:child_process';
import { XMLSerializer } from '@xmldom/xmldom';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const TIMEOUT_MS = 20_000;

/**
 * The element as a document of its own, carrying the namespace declarations it inherits from
 * the envelope (so prefixes still resolve when it is validated alone).
 * @param {import('@xmldom/xmldom').Element} element
 */
export function standaloneXml(element) {
  return new XMLSerializer().serializeToString(standaloneCopy(element));
}

/**
 * @param {import('@xmldom/xmldom').Element} element
 * @returns {import('@xmldom/xmldom').Element}
 */
function standaloneCopy(element) {
  const copy = /** @type {import('@xmldom/xmldom').Element} */ (element.cloneNode(true));
  /** @type {import('@xmldom/xmldom').Node | null} */
  let node = element.parentNode;
  while (node && node.nodeType === 1) {
    const attrs = /** @type {import('@xmldom/xmldom').Element} */ (node).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i);
      if (a && (a.name === 'xmlns' || a.name.startsWith('xmlns:')) && !copy.hasAttribute(a.name)) copy.setAttributeNS(XMLNS_NS, a.name, a.value);
    }
    node = node.parentNode;
  }
  return copy;
}

/**
 * @typedef {object} XsdOutcome
 * @property {boolean} valid
 * @property {string[]} errors xmllint's messages when not valid
 */

/** Runs at most `limit` xmllint processes at a time. */
export class XsdValidator {
  /** @param {number} [limit] */
  constructor(limit = 4) {
    this.limit = limit;
    this.running = 0;
    /** @type {Array<() => void>} */
    this.waiting = [];
  }

  /**
   * @param {string} xml a whole document
   * @param {string} xsdPath
   * @returns {Promise<XsdOutcome>}
   * @throws when xmllint cannot be run or the XSD cannot be used (a set-up problem, not the message's)
   */
  async validate(xml, xsdPath) {
    if (this.running >= this.limit) await new Promise((go) => this.waiting.push(() => go(undefined)));
    this.running++;
    try {
      return await runXmllint(xml, xsdPath);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** @param {string} xml @param {string} xsdPath @returns {Promise<XsdOutcome>} */
function runXmllint(xml, xsdPath) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', xsdPath, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (error) => {
      clearTimeout(timer);
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      reject(new Error(code === 'ENOENT' ? 'xmllint is not installed (Debian: apt-get install libxml2-utils)' : `xmllint could not run: ${error.message}`));
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && l !== '- validates' && l !== '- fails to validate');
      if (status === 0) return resolvePromise({ valid: true, errors: [] });
      if (status === 4 || status === 5 || status === null) return reject(new Error(`xmllint could not use ${xsdPath} (exit ${status}): ${lines.join(' | ')}`));
      resolvePromise({ valid: false, errors: lines.length ? lines : [`xmllint exit ${status}`] });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(xml);
  });
}
