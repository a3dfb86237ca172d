import { MailMessage } from 'src/mail/mail.service';

/** The emails the service sends; each carries one link whose token is the secret. */
export const MailTemplates = {
  setPassword(to: string, companyName: string, link: string): MailMessage {
    return {
      to,
      subject: `You have been invited to ${companyName}`,
      text: [
        `You have been added to ${companyName} on Patchworks.`,
        '',
        `Choose your password here (the link works once, for 24 hours):`,
        link,
      ].join('\n'),
    };
  },

  accountRestored(to: string, companyName: string, link: string): MailMessage {
    return {
      to,
      subject: `Your ${companyName} account has been restored`,
      text: [
        `Your account at ${companyName} on Patchworks has been restored.`,
        '',
        'Your old password no longer works. Choose a new one here to sign in again',
        '(the link works once, for 24 hours):',
        link,
      ].join('\n'),
    };
  },

  resetPassword(to: string, link: string): MailMessage {
    return {
      to,
      subject: 'Reset your Patchworks password',
      text: [
        'Someone asked to reset the password of this account.',
        '',
        'Choose a new password here (the link works once, for 24 hours):',
        link,
        '',
        'If it was not you, ignore this email: your password stays as it is.',
      ].join('\n'),
    };
  },

  passwordChanged(to: string): MailMessage {
    return {
      to,
      subject: 'Your Patchworks password was changed',
      text: [
        'The password of this Patchworks account was just changed, and every other session of',
        'the account was signed out.',
        '',
        'If it was not you, reset your password from the sign-in page at once and tell your',
        'administrator.',
      ].join('\n'),
    };
  },

  emailChanged(to: string, newEmail: string): MailMessage {
    return {
      to,
      subject: 'Your Patchworks sign-in email was changed',
      text: [
        `The sign-in email of this Patchworks account was changed to ${newEmail}.`,
        '',
        'If it was not you, tell your administrator at once: they can change it back.',
      ].join('\n'),
    };
  },

  googleRegistration(to: string, companyName: string, link: string): MailMessage {
    return {
      to,
      subject: 'Finish registering with Google',
      text: [
        `Someone asked to register ${companyName} on Patchworks with the Google account of`,
        'this address.',
        '',
        'Continue with Google here (the link works once, for 24 hours):',
        link,
        '',
        'If it was not you, ignore this email: nothing is created.',
      ].join('\n'),
    };
  },
};
