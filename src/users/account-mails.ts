import type { Mail } from '../mail/mail.ts';

/** The texts of the account emails. */
export function activationMail(recipient: string, username: string, url: string): Mail {
  return {
    recipient,
    subject: 'Activate your Smilecook account',
    textBody: `Hello ${username},\n\nconfirm your email address to activate your Smilecook account:\n\n${url}\n\n`
      + 'The link works once and expires in 24 hours. If you did not create this account, ignore this email.\n',
  };
}

export function alreadyRegisteredMail(recipient: string): Mail {
  return {
    recipient,
    subject: 'Someone tried to register with your email address',
    textBody: 'Hello,\n\nsomeone (maybe you) tried to create a Smilecook account with this email address, '
      + 'which already has an account. If it was you, log in with your existing account; if it is not activated yet, '
      + 'ask for a new activation email. Otherwise you can ignore this email.\n',
  };
}
