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
};
