/**
 * The local stand-in for Amazon SES: each mail becomes an .eml file (the
 * same MIME bytes SES would be given) under DATA_DIR/outbox/mail/, and one
 * `mail:` line is printed, naming the kind and the file, never the address.
 * Open a file with any mail program, or read the links out of it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { toMime } from '../../lambda/domain/reply-notifications/mime';
import type { Mailer } from '../../lambda/domain/ports/mailer';

export function outboxMailer(mailDir: string, quiet = false): Mailer {
  let sequence = 0;
  return {
    async send(mail) {
      await mkdir(mailDir, { recursive: true });
      const at = new Date();
      sequence += 1;
      const file = join(mailDir, `${at.toISOString().replace(/[:.]/g, '-')}-${String(sequence).padStart(4, '0')}-${mail.kind}.eml`);
      await writeFile(file, toMime(mail, at));
      const shown = relative(process.cwd(), file);
      if (!quiet) console.log(`mail: ${mail.kind}: ${mail.subject} -> ${shown.startsWith('..') ? file : shown}`);
    },
  };
}
