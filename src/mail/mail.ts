/** A mail as the domain composes it. */
export interface Mail {
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody?: string | null;
}
