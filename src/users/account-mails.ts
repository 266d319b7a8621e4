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

export function passwordResetMail(recipient: string, username: string, url: string): Mail {
  return {
    recipient,
    subject: 'Reset your Smilecook password',
    textBody: `Hello ${username},\n\nsomeone (maybe you) asked to reset the password of your Smilecook account. Choose a new password here:\n\n`
      + `${url}\n\nThe link works once and expires in 1 hour; a newer request replaces it. If you did not ask for this, ignore this email: `
      + 'your password stays as it is.\n',
  };
}

export function emailConfirmationMail(recipient: string, username: string, url: string): Mail {
  return {
    recipient,
    subject: 'Confirm your new Smilecook email address',
    textBody: `Hello ${username},\n\nconfirm that this is the new email address of your Smilecook account:\n\n${url}\n\n`
      + 'The link works once and expires in 24 hours. Until then the account keeps its old address. If you did not ask for this, '
      + 'ignore this email.\n',
  };
}
