/** A mail as the domain composes it. */
export interface Mail {
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody?: string | null;
}

/** A mail taken from the outbox to be sent: its key makes its Message-ID, the same on every attempt. */
export interface OutgoingMail extends Mail {
  id: number;
  attempts: number;
  messageKey: string;
}
