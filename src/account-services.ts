import { activationPaths } from '../resources/activation.affordances.ts';
import { emailConfirmationPaths } from '../resources/email-confirmation.affordances.ts';
import { passwordResetPaths } from '../resources/password-reset.affordances.ts';
import type { PathPattern } from './core/paths.ts';
import type { Uris } from './core/uris.ts';
import type { Transactions } from './db/transactions.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxRepository } from './mail/outbox.repository.ts';
import type { RevocationStore } from './tokens/revocation-store.ts';
import { SessionRepository } from './tokens/session.repository.ts';
import { SessionService } from './tokens/session.service.ts';
import { AccountTokenRepository } from './users/account-token.repository.ts';
import { AccountRepository } from './users/account.repository.ts';
import { AccountService } from './users/account.service.ts';
import { EmailChangeService } from './users/email-change.service.ts';
import { MailedLinkRepository } from './users/mailed-link.repository.ts';
import { MailedLinks, type LinkKind } from './users/mailed-links.ts';
import { PasswordResetService } from './users/password-reset.service.ts';
import type { UserRepository } from './users/user.repository.ts';

export interface AccountServiceWiring {
  em: () => EntityManager;
  tx: Transactions;
  users: UserRepository;
  outbox: OutboxRepository;
  revoked: RevocationStore;
  accessTokenTtl: number;
  /** Links in mails: PUBLIC_BASE_URL, or http://localhost:$PORT. */
  mailUris: Uris;
  mailQueued(): void;
  /** The per-address quota of reset mails (src/rate-limit-policies.ts). */
  resetMailAllowed(email: string): Promise<boolean>;
}

/** The services of the account's life after registration (API.md §3), and the "same work" links resend-activation uses too. */
export function createAccountServices(wiring: AccountServiceWiring) {
  const { em, tx, outbox, mailQueued, mailUris } = wiring;
  const paths: Record<LinkKind, PathPattern<`/${string}/:token`>> = {
    'activation': activationPaths.activation, 'password-reset': passwordResetPaths.reset, 'email-confirmation': emailConfirmationPaths.confirmation,
  };
  const url = (kind: LinkKind, token: string) => mailUris.of(paths[kind], { token });
  const links = new MailedLinks({ links: new MailedLinkRepository(em), url, mailQueued });
  const tokens = new AccountTokenRepository(em);
  const accounts = new AccountRepository(em);
  const sessions = new SessionService({
    tx, users: wiring.users, sessions: new SessionRepository(em), revoked: wiring.revoked, accessTokenTtl: wiring.accessTokenTtl,
  });
  return {
    links,
    sessions,
    resets: new PasswordResetService({ tx, links, tokens, accounts, outbox, sessions, mailQueued, resetMailAllowed: wiring.resetMailAllowed }),
    emails: new EmailChangeService({ tx, links, tokens, accounts, outbox, mailQueued }),
    settings: new AccountService({ tx, accounts, outbox, sessions, mailQueued }),
  };
}
