/**
 * Intygstjänsten as a caller of its recipients, through the national platform: RegisterCertificate
 * v3 (a send) and RevokeCertificate v2 (a revocation) to the recipient's logical address, each
 * recorded in the traffic journal as Intygstjänsten saw it.
 */
import http from 'node:http';
import type { Clock } from '../kit/clock/virtualClock.js';
import { CONTRACTS } from '../kit/contracts/contracts.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { buildEnvelope } from '../kit/soap/envelope.js';
import { callSoap, type CallFacts, type SoapCallOutcome } from '../kit/soap/soapClient.js';

/** Where the platform delivers messages for a logical address: a base URL and the party there. */
export interface RecipientRoute {
  /** Base URL; the contract's RIV-TA path is appended. */
  url: string;
  party: string;
}

export interface RecipientClientOptions {
  clock: Clock;
  journal?: TrafficJournal;
  /** Wall-clock ms to wait for a recipient's answer (CXF's receive timeout). */
  timeoutMs: number;
  /** The platform's routing; undefined when nothing answers for the logical address. */
  route(logicalAddress: string): RecipientRoute | undefined;
  /**
   * The platform's routing of SendMessageToCare to a care system (Webcert) by logical address:
   * the full endpoint URL and the party there; undefined when nothing answers.
   */
  routeCare?(logicalAddress: string): RecipientRoute | undefined;
}

type ForwardedOperation = 'RegisterCertificate' | 'RevokeCertificate' | 'SendMessageToRecipient' | 'SendMessageToCare';

/** What a forward produced: the call's outcome, or that the platform had no route. */
export type ForwardOutcome = SoapCallOutcome | { kind: 'unrouted'; message: string };

export class RecipientClient {
  /**
   * Kept-alive connections to the recipients, as Intygstjänsten's CXF client keeps them (HTTP
   * keep-alive is its default), instead of a new TCP connection per call
   * (docs/decisions/0033-replay-cpu.md). No limit on sockets: a call never waits for a connection.
   */
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly options: RecipientClientOptions) {}

  /** Closes the kept-alive connections (once Intygstjänsten has stopped). */
  close(): void {
    this.agent.destroy();
  }

  /** Delivers a stored RegisterCertificate to the recipient at `logicalAddress`. */
  registerCertificate(logicalAddress: string, payloadXml: string, facts: CallFacts): Promise<ForwardOutcome> {
    return this.call('RegisterCertificate', logicalAddress, payloadXml, facts);
  }

  /** Forwards a RevokeCertificate request to the recipient at `logicalAddress`. */
  revokeCertificate(logicalAddress: string, payloadXml: string, facts: CallFacts): Promise<ForwardOutcome> {
    return this.call('RevokeCertificate', logicalAddress, payloadXml, facts);
  }

  /** Forwards a question or answer from care to the recipient at `logicalAddress`. */
  sendMessageToRecipient(logicalAddress: string, payloadXml: string, facts: CallFacts): Promise<ForwardOutcome> {
    return this.call('SendMessageToRecipient', logicalAddress, payloadXml, facts);
  }

  /** Forwards a question or answer from a recipient to the care system at `logicalAddress`. */
  sendMessageToCare(logicalAddress: string, payloadXml: string, facts: CallFacts): Promise<ForwardOutcome> {
    return this.call('SendMessageToCare', logicalAddress, payloadXml, facts);
  }

  private async call(operation: ForwardedOperation, logicalAddress: string, payloadXml: string, facts: CallFacts): Promise<ForwardOutcome> {
    const toCare = operation === 'SendMessageToCare';
    const route = toCare ? this.options.routeCare?.(logicalAddress) : this.options.route(logicalAddress);
    if (!route) return { kind: 'unrouted', message: `no receiver is routed for logical address ${logicalAddress} (the platform answers VP004)` };
    const contract = CONTRACTS[operation];
    return callSoap({
      url: toCare ? route.url : `${route.url.replace(/\/$/, '')}${contract.endpointPath}`,
      envelope: buildEnvelope(payloadXml, logicalAddress),
      soapAction: contract.soapAction,
      fromParty: 'intygstjanst',
      toParty: route.party,
      operation,
      timeoutMs: this.options.timeoutMs,
      clock: this.options.clock,
      journal: this.options.journal,
      agent: this.agent,
      facts: { ...facts, logicalAddress },
    });
  }
}

/**
 * Why a forward did not deliver, in words; undefined when the recipient answered OK or INFO.
 * - `no-answer`: nothing usable came back (connection refused, reset, timeout, HTTP without SOAP);
 * - `fault`: a SOAP Fault, from the recipient or from the platform (no route: VP004);
 * - `error-result`: the recipient answered ResultType ERROR.
 */
export function forwardFailure(outcome: ForwardOutcome): { kind: 'no-answer' | 'fault' | 'error-result'; reason: string } | undefined {
  if (outcome.kind === 'unrouted') return { kind: 'fault', reason: outcome.message };
  if (outcome.kind === 'transport-error') return { kind: 'no-answer', reason: `${outcome.code}: ${outcome.message}` };
  if (outcome.fault) return { kind: 'fault', reason: `SOAP fault ${outcome.fault.faultcode}: ${outcome.fault.faultstring}` };
  if (!outcome.result) return { kind: 'no-answer', reason: `HTTP ${outcome.status} without a RIV-TA answer: ${outcome.unreadable ?? ''}` };
  if (outcome.result.resultCode === 'ERROR') return { kind: 'error-result', reason: `ERROR ${outcome.result.errorId ?? ''}: ${outcome.result.resultText ?? ''}` };
  return undefined;
}
