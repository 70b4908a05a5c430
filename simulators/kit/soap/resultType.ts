/**
 * The RIV-TA `ResultType` (core namespace urn:riv:clinicalprocess:healthcond:certificate:3):
 * resultCode OK | INFO | ERROR, resultText, errorId.
 */
import type { Element } from '@xmldom/xmldom';
import { childText } from '../xml/dom.js';
import { xmlEscape } from '../xml/xmlText.js';

/** Namespace of ResultType's children. */
export const CORE_NS = 'urn:riv:clinicalprocess:healthcond:certificate:3';

export type ResultCode = 'OK' | 'INFO' | 'ERROR';
export type ErrorId = 'VALIDATION_ERROR' | 'APPLICATION_ERROR' | 'TECHNICAL_ERROR' | 'REVOKED';

export const RESULT_CODES: readonly ResultCode[] = ['OK', 'INFO', 'ERROR'];
export const ERROR_IDS: readonly ErrorId[] = ['VALIDATION_ERROR', 'APPLICATION_ERROR', 'TECHNICAL_ERROR', 'REVOKED'];

/** A RIV-TA result as data. */
export interface Result {
  resultCode: ResultCode;
  resultText?: string;
  errorId?: ErrorId;
}

/** Result OK. */
export const OK: Result = { resultCode: 'OK' };

/** An ERROR result; errorId and text are what the receiver acts on and shows. */
export function errorResult(errorId: ErrorId, resultText: string): Result {
  return { resultCode: 'ERROR', errorId, resultText };
}

/**
 * Serialises a `result` element in the given responder namespace (the element itself belongs to
 * the responder schema; its children to the core schema).
 */
export function resultXml(responderNs: string, result: Result): string {
  const parts = [`<core:resultCode>${result.resultCode}</core:resultCode>`];
  if (result.resultText !== undefined) parts.push(`<core:resultText>${xmlEscape(result.resultText)}</core:resultText>`);
  if (result.errorId !== undefined) parts.push(`<core:errorId>${result.errorId}</core:errorId>`);
  return `<tns:result xmlns:tns="${responderNs}" xmlns:core="${CORE_NS}">${parts.join('')}</tns:result>`;
}

/** Reads a `result` element back; unknown codes are kept as text so callers can report them. */
export function readResult(resultElement: Element): Result {
  const resultCode = childText(resultElement, CORE_NS, 'resultCode') as ResultCode | undefined;
  if (!resultCode) throw new Error('result element has no core:resultCode');
  const resultText = childText(resultElement, CORE_NS, 'resultText');
  const errorId = childText(resultElement, CORE_NS, 'errorId') as ErrorId | undefined;
  return { resultCode, ...(resultText !== undefined && { resultText }), ...(errorId && { errorId }) };
}
