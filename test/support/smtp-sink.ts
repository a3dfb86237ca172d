import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  /** Every http(s) link in the body. */
  links: string[];
}

/** A real SMTP server on a loopback port that keeps what it receives, for tests. */
export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the next message to `to` (or one already received). */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function parse(raw: string, to: string[]): ReceivedMail {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const subject = /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? '';
  const links = unfolded.match(/https?:\/\/[^\s"<>]+/g) ?? [];

  return { to, raw, subject, links };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        messages.push(parse(Buffer.concat(chunks).toString('utf8'), to));
        waiters.splice(0).forEach((wake) => wake());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const waitFor = async (to: string, timeoutMs = 5000): Promise<ReceivedMail> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find((m) => m.to.includes(to.toLowerCase()));
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
      }
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 100);
      });
    }
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
