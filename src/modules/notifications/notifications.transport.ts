import type { FastifyBaseLogger } from 'fastify';

/**
 * How a message leaves the outbox. In-app messages need no transport (the row is what the portal
 * shows); an SMS transport, when configured, also sends a copy to the applicant's phone. A real SMS
 * gateway implements `SmsTransport` and is chosen by SMS_TRANSPORT.
 */
export interface OutgoingSms {
  /** The decrypted phone number: handed to the gateway, never logged. */
  phone: string;
  text: string;
}

export interface SmsTransport {
  readonly name: string;
  send(sms: OutgoingSms): Promise<void>;
}

/** Development transport: logs that a message would be sent, with the number masked. */
export class LogSmsTransport implements SmsTransport {
  readonly name = 'log';
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(sms: OutgoingSms): Promise<void> {
    this.log.info({ to: `${sms.phone.slice(0, 3)}****${sms.phone.slice(-4)}`, length: sms.text.length }, 'sms (log transport)');
  }
}

export function smsTransportFor(kind: 'none' | 'log', log: FastifyBaseLogger): SmsTransport | null {
  return kind === 'log' ? new LogSmsTransport(log) : null;
}
