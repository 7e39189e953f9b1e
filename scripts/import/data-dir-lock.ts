/**
 * One import at a time on a DATA_DIR whose database the import starts
 * itself: DynamoDB Local locks its files, so a second one would wait and
 * then fail with a Java stack trace. The lock is a file naming the process;
 * one left by a process that is gone is taken over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirBusy extends Error {}

const LOCK_FILE = 'import.lock';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock, or throws DataDirBusy naming the import that holds it. Returns the release. */
export function lockDataDir(dataDir: string, shownAs: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
        throw new DataDirBusy(
          `another import (process ${holder}) is using ${shownAs}/: wait for it to finish, or run \`npm start\` first, whose database several imports can share.`,
        );
      rmSync(path, { force: true });
    }
  }
  throw new DataDirBusy(`could not take the lock ${join(shownAs, LOCK_FILE)}`);
}
