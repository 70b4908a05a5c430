/**
 * Reading a SOAP answer's RIV-TA result without a DOM (docs/decisions/0033-replay-cpu.md): one
 * bounded scan (`boundedXmlScan.ts`) of an answer of the common shape, a SOAP 1.1 Envelope with at
 * most one Header and one Body whose single element holds a `result` with a `core:resultCode`.
 *
 * The scan answers only for such an answer; anything else (a Fault, a Body with more than one
 * element, no result, no resultCode, anything the bounded scan does not take) is "undecided" and
 * the caller reads it into a DOM as before, which gives the one and only verdict. For an answer the
 * scan decides, the result is what the DOM reading (`readResult` on the first child named `result`
 * of the Body's element) gives: the first `resultCode`, `resultText` and `errorId` children in the
 * core namespace, their text trimmed.
 */
import { scanXml } from '../xml/boundedXmlScan.js';
import { localNameIs, type XmlScanVisitor } from '../xml/xmlScanVisitor.js';
import { DEFAULT_MAX_XML_DEPTH } from '../xml/safeXml.js';
import { SOAP11_NS } from './envelope.js';
import { CORE_NS, type ErrorId, type Result, type ResultCode } from './resultType.js';

/**
 * Longest answer (UTF-16 code units) the scan reads; a longer one goes to the DOM reader, which
 * applies the size limit in bytes. Far above any RIV-TA answer, and a third of the 1 MiB limit, so
 * an answer within it is within the limit whatever its characters.
 */
const MAX_SCANNED_CHARS = 256 * 1024;

const enum Place {
  Other,
  Envelope,
  Header,
  Body,
  Payload,
  Result,
}

/** The three children of `result` the reading wants, numbered by their place here. */
const RESULT_CHILDREN = ['resultCode', 'resultText', 'errorId'] as const;

class AnswerVisitor implements XmlScanVisitor {
  private readonly places: Place[] = [];
  private header = false;
  private body = false;
  private payload = false;
  private result = false;
  /** Per child of `result`: its text, once met (only the first of each name counts). */
  readonly values: Array<string | undefined> = [undefined, undefined, undefined];
  /** The child of `result` being captured, and its depth (-1: none). */
  private capturing = -1;
  private capturingDepth = -1;

  get wantsText(): boolean {
    return this.capturing >= 0;
  }

  text(value: string): void {
    this.values[this.capturing] += value;
  }

  start(ns: string | null, text: string, localStart: number, localEnd: number, depth: number): true | string {
    const parent = depth > 1 ? this.places[depth - 1]! : undefined;
    const is = (namespace: string, name: string) => ns === namespace && localNameIs(text, localStart, localEnd, name);
    let place = Place.Other;
    if (depth === 1) {
      if (!is(SOAP11_NS, 'Envelope')) return 'the document element is not a SOAP 1.1 Envelope';
      place = Place.Envelope;
    } else if (parent === Place.Envelope) {
      if (is(SOAP11_NS, 'Header') && !this.header && !this.body) {
        this.header = true;
        place = Place.Header;
      } else if (is(SOAP11_NS, 'Body') && !this.body) {
        this.body = true;
        place = Place.Body;
      } else {
        return 'the Envelope holds other than one Header and then one Body';
      }
    } else if (parent === Place.Body) {
      if (this.payload) return 'the Body holds more than one element';
      if (is(SOAP11_NS, 'Fault')) return 'a SOAP Fault';
      this.payload = true;
      place = Place.Payload;
    } else if (parent === Place.Payload) {
      if (!this.result && localNameIs(text, localStart, localEnd, 'result')) {
        this.result = true;
        place = Place.Result;
      }
    } else if (parent === Place.Result && ns === CORE_NS) {
      for (let child = 0; child < RESULT_CHILDREN.length; child++) {
        if (this.values[child] === undefined && localNameIs(text, localStart, localEnd, RESULT_CHILDREN[child]!)) {
          this.values[child] = '';
          this.capturing = child;
          this.capturingDepth = depth;
          break;
        }
      }
    }
    this.places[depth] = place;
    return true;
  }

  end(depth: number): void {
    if (depth === this.capturingDepth) {
      this.capturing = -1;
      this.capturingDepth = -1;
    }
  }
}

/** An answer the scan read whole: its result, as the DOM reading would give it. */
export interface ScannedAnswer {
  kind: 'scanned';
  result: Result;
}

/**
 * Reads the RIV-TA result of the SOAP answer `body` (decoded), or says why it leaves the answer to
 * the DOM reader.
 */
export function scanAnswer(body: string): ScannedAnswer | { kind: 'undecided'; reason: string } {
  if (body.length > MAX_SCANNED_CHARS) return { kind: 'undecided', reason: 'a long answer' };
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const visitor = new AnswerVisitor();
  const reason = scanXml(text, visitor, DEFAULT_MAX_XML_DEPTH);
  if (reason !== undefined) return { kind: 'undecided', reason };
  const [code, resultText, errorId] = visitor.values.map((v) => v?.trim());
  // No resultCode (or an empty one): the DOM reader says what is wrong, in its own words.
  if (!code) return { kind: 'undecided', reason: 'no result with a resultCode' };
  return {
    kind: 'scanned',
    result: { resultCode: code as ResultCode, ...(resultText !== undefined && { resultText }), ...(errorId && { errorId: errorId as ErrorId }) },
  };
}
