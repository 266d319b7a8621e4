import type { Mail } from '../mail/mail.ts';
import type { AddressOwner, LinkKind, MailedLinkRepository } from './mailed-link.repository.ts';
import { newSecretToken } from './secret-tokens.ts';

export type { AddressOwner, LinkKind } from './mailed-link.repository.ts';

/** A name for mails composed only to be thrown away (decoys never name anyone). */
const NOBODY = { username: 'nobody', email: 'nobody@smilecook.invalid' };

export interface LinkRequest {
  kind: LinkKind;
  /** The account the link works for; null: nobody (a decoy link, never usable). */
  account: { id: number } | null;
  /** For an email confirmation: the address it confirms. */
  newEmail?: string;
  ttlMs: number;
  /** The mail, composed on every path (with NOBODY's names when there is nobody); given the link's absolute URL. */
  mail(url: string, nobody: typeof NOBODY): Mail;
  /** false: a decoy row takes the mail's place (written, never sent). */
  deliver: boolean;
}

export interface MailedLinksDeps {
  links: MailedLinkRepository;
  /** The absolute URL of a link (PUBLIC_BASE_URL/activation/{token}, …/password-reset/{token}, …). */
  url(kind: LinkKind, token: string): string;
  /** Called after mail was queued (always: the sender wakes on every path alike). */
  mailQueued(): void;
}

/**
 * "Same answer, same work" (API.md §3, no account enumeration): resend-activation, forgot-password and
 * change-email must not tell, by their answer, headers or time, whether an account has an address.
 * So each of them, on every path, does exactly this: one lookup of the address (`ownerOf`), one
 * random token and its hash, one mail composed, ONE statement that retires the account's older links,
 * inserts the link and queues the mail (for nobody: a dead link and a mail row that is never sent,
 * written by the very same statement with other values), and one wake-up of the mail sender.
 * test/http/accounts-same-work.test.ts compares the statements the two paths send to the database.
 */
export class MailedLinks {
  constructor(private readonly deps: MailedLinksDeps) {}

  /** The account (active or pending) that has the address, if any: the one lookup every path makes. */
  ownerOf(email: string): Promise<AddressOwner | null> {
    return this.deps.links.ownerOf(email);
  }

  async send(request: LinkRequest): Promise<void> {
    const { token, hash } = newSecretToken();
    const mail = request.mail(this.deps.url(request.kind, token), NOBODY);
    await this.deps.links.write({
      kind: request.kind, userId: request.account?.id ?? null, newEmail: request.newEmail ?? null, tokenHash: hash,
      expiresAt: new Date(Date.now() + request.ttlMs), mail: request.deliver ? mail : null,
    });
    this.deps.mailQueued();
  }
}
