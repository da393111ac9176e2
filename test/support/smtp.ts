/**
 * A real SMTP server in the test process (smtp-server, no TLS, no login), which keeps every message it
 * accepts, parsed (mailparser) with the envelope's recipients. It can refuse recipients on demand
 * (a 4xx or 5xx at RCPT TO), and be stopped and started again on the same port (server down).
 * Development dependencies only: smtp-server speaks the real protocol to nodemailer (no stub that says
 * "sent"); mailparser decodes what arrived (RFC 2047 subjects, base64 or quoted-printable Chinese bodies)
 * so tests read the words a recipient reads.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail { to: string[]; subject: string; text: string; from: string; raw: string; parsed: ParsedMail }

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Refuse the next `times` recipients with this reply code. */
  refuse(times: number, code?: number): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Waits until `n` messages have arrived (the server parses after it has answered 250). */
  until(n: number): Promise<void>;
}

export async function startSmtp(opts: { delayMs?: number } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  let refusalCode = 450;
  let parsing = Promise.resolve();
  const make = () => new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true, logger: false, banner: 'kexin test smtp',
    onRcptTo(address, _session, cb) {
      if (refusals > 0) {
        refusals--;
        cb(Object.assign(new Error(refusalCode >= 500 ? '收件人不存在' : '邮箱暂时不可用，请稍后再试'), { responseCode: refusalCode }));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address);
        parsing = parsing.then(async () => {
          const parsed = await simpleParser(raw);
          received.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', from: parsed.from?.text ?? '', raw, parsed });
        });
        setTimeout(() => cb(), opts.delayMs ?? 0);
      });
    },
  });
  let server = make();
  let port = 0;
  const listen = () => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { port = (server.server.address() as { port: number }).port; resolve(); });
  });
  await listen();
  const smtp: TestSmtp = {
    get port() { return port; },
    get url() { return `smtp://127.0.0.1:${port}`; },
    received,
    refuse(times, code = 450) { refusals = times; refusalCode = code; },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async start() { server = make(); await listen(); },
    async until(n) {
      for (let i = 0; i < 200 && received.length < n; i++) { await parsing; if (received.length < n) await new Promise((r) => setTimeout(r, 25)); }
      await parsing;
    },
  };
  return smtp;
}
