import type { Mail } from '../mail/mail.ts';

/**
 * The notices of API.md §3 (password reset and change, email change, account deletion): what happened
 * and when, to the address on record. Never a password, and never a link that does anything.
 */

/** `2026-12-06 11:04 UTC`: the moment, in words every reader reads alike. */
export function when(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const NOT_YOU = 'If this was not you, someone else knows your password or can read your email: ask for a password reset at once '
  + '(Forgot your password? in Smilecook) and secure your email account.';

export function passwordResetNotice(recipient: string, username: string, at: Date): Mail {
  return {
    recipient,
    subject: 'Your Smilecook password was reset',
    textBody: `Hello ${username},\n\nthe password of your Smilecook account was reset with a link sent to this address, on ${when(at)}. `
      + 'Every device that was logged in has been logged out.\n\n'
      + 'If you did not ask for this, someone could read your email: secure your email account, then reset your password again.\n',
  };
}

export function passwordChangedNotice(recipient: string, username: string, at: Date): Mail {
  return {
    recipient,
    subject: 'Your Smilecook password was changed',
    textBody: `Hello ${username},\n\nthe password of your Smilecook account was changed on ${when(at)}. `
      + 'Every other device that was logged in has been logged out.\n\n' + `${NOT_YOU}\n`,
  };
}

/** `j•••@example.org`: enough for the owner to recognise an address, not enough to hand it to a stranger. */
export function masked(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address[0]}•••${address.slice(at)}`;
}

export function emailChangedNotice(recipient: string, username: string, newAddress: string, at: Date): Mail {
  return {
    recipient,
    subject: 'The email address of your Smilecook account was changed',
    textBody: `Hello ${username},\n\nthe email address of your Smilecook account was changed from this one to ${masked(newAddress)} on ${when(at)}. `
      + 'Mail about the account now goes there.\n\n' + `${NOT_YOU}\n`,
  };
}

export function emailInUseNotice(recipient: string): Mail {
  return {
    recipient,
    subject: 'Someone tried to move a Smilecook account to your email address',
    textBody: 'Hello,\n\nsomeone (maybe you) asked to change the email address of a Smilecook account to this one, which already '
      + 'belongs to an account. Nothing was changed. If it was you, use your existing account; otherwise you can ignore this email.\n',
  };
}

export function accountDeletedNotice(recipient: string, username: string, recipes: number, at: Date): Mail {
  return {
    recipient,
    subject: 'Your Smilecook account was deleted',
    textBody: `Hello ${username},\n\nyour Smilecook account was deleted on ${when(at)}, with its ${recipes} recipe${recipes === 1 ? '' : 's'} `
      + '(drafts included) and its pictures. Every device that was logged in has been logged out. The username and this address '
      + 'are free again.\n\nIf you did not do this, someone knew your password. We are sorry: the account cannot be restored.\n',
  };
}
