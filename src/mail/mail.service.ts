import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { newId } from 'src/common/ids';
import { AppConfig } from 'src/config/app-config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export const OUTBOX_DIR = 'data/outbox';

/**
 * The one way out for email: SMTP when SMTP_URL is set, else the local outbox (an .eml file per
 * message under data/outbox), so the demo works with no mail server. Bodies carry one-time
 * links and are never logged.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? createTransport(config.smtpUrl)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(message: MailMessage): Promise<void> {
    const info = (await this.transport.sendMail({ from: this.config.mailFrom, ...message })) as {
      message?: Buffer;
    };
    if (!this.config.smtpUrl && info.message) {
      mkdirSync(OUTBOX_DIR, { recursive: true });
      const file = join(OUTBOX_DIR, `${newId()}.eml`);
      writeFileSync(file, info.message, { mode: 0o600 });
      this.logger.log(`Mail "${message.subject}" to ${message.to} written to ${file}`);

      return;
    }
    this.logger.log(`Mail "${message.subject}" sent to ${message.to}`);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
