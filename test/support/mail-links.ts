import { ReceivedMail, SmtpSink } from 'test/support/smtp-sink';

/** The token of the password link in a mail: `<PUBLIC_URL>/password/reset?token=<token>`. */
export function passwordLinkToken(mail: ReceivedMail): string {
  const link = mail.links.find((l) => new URL(l).pathname === '/password/reset');
  const token = link && new URL(link).searchParams.get('token');
  if (!token) {
    throw new Error(`no password link in "${mail.subject}"`);
  }

  return token;
}

/** Waits for the `nth` (1-based) mail to `to` whose subject matches. */
export async function waitForMail(
  sink: SmtpSink,
  to: string,
  subject: RegExp,
  nth = 1,
): Promise<ReceivedMail> {
  for (let waited = 0; waited < 5000; waited += 50) {
    const found = sink.messages.filter(
      (m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject),
    );
    if (found.length >= nth) {
      return found[nth - 1];
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail ${nth} to ${to} matching ${subject}`);
}
