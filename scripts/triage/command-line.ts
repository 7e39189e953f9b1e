/** What the triage scripts (train, evaluate, replay) share on the command line. Everything they log goes to standard error. */

/** The value after `--name`, if given. */
export function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A logger that prefixes each line with the seconds since it was made. */
export function elapsedLog(): (line: string) => void {
  const started = performance.now();
  return (line) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
}
