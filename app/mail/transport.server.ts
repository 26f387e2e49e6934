import nodemailer from "nodemailer";
import type { Env, SmtpConfig } from "#app/config/env.server";
import { logger } from "#app/utils/logger.server";

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
};

export type MailTransport = {
  send(msg: OutgoingMail): Promise<void>;
};

/**
 * A failed delivery. `permanent` is true when the server refused the message for good
 * (an SMTP 5xx reply such as an unknown recipient): sending it again cannot help.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MailDeliveryError";
  }
}

const TIMEOUT_MS = 10_000;

export function createSmtpTransport(config: SmtpConfig): MailTransport {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    // One connection per message: the worker sends few messages, and a pool would hide a
    // dead server behind a connection that only fails on the next message.
    pool: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
  });
  return {
    async send(msg) {
      try {
        await transporter.sendMail({
          from: msg.from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          messageId: msg.messageId,
        });
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}

function toDeliveryError(err: unknown): MailDeliveryError {
  if (!(err instanceof Error)) return new MailDeliveryError(String(err), false);
  const permanent = "permanent" in err && err.permanent === true;
  return new MailDeliveryError(err.message, permanent, { cause: err });
}

/** Embedded mode without an SMTP server: the message goes to the log so a developer can read it. */
export function createLogTransport(): MailTransport {
  return {
    async send(msg) {
      logger.info("mail (no SMTP server configured, logged instead of sent)", {
        messageId: msg.messageId,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
      });
    },
  };
}

export function createTransport(env: Pick<Env, "smtp">): MailTransport {
  return env.smtp ? createSmtpTransport(env.smtp) : createLogTransport();
}
