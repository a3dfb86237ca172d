import { MailService } from 'src/mail/mail.service';
import { MailTemplates } from 'src/mail/mail.templates';
import { SmtpSink, startSmtpSink } from 'test/support/smtp-sink';
import { startTestApp, TestApp } from 'test/support/test-app';

describe('mail over SMTP', () => {
  let smtp: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Identity <id@acme.test>' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers a templated message with its link to a real SMTP server', async () => {
    const link = 'http://localhost:3000/reset?token=abc123';
    await t.app.get(MailService).send(MailTemplates.resetPassword('grace@navy.test', link));
    const mail = await smtp.waitFor('grace@navy.test');

    expect(mail.subject).toBe('Reset your Patchworks password');
    expect(mail.links).toContain(link);
    expect(mail.raw).toMatch(/^From: Identity <id@acme.test>/m);
  });
});
