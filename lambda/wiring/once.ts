/**
 * What a function builds once and keeps while warm (clients, secrets, wired
 * services), as a promise shared by concurrent first requests. A failure is
 * not kept: a throttled or timed-out first read must not poison the function
 * for the rest of its life, so the next call tries again.
 */
export function onceUntilFailure<T>(make: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    if (kept) return kept;
    const made = make();
    kept = made;
    made.catch(() => {
      if (kept === made) kept = undefined;
    });
    return made;
  };
}

/** The same, kept per key. */
export function perKeyUntilFailure<K, T>(make: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const kept = new Map<K, Promise<T>>();
  return (key) => {
    const held = kept.get(key);
    if (held) return held;
    const made = make(key);
    kept.set(key, made);
    made.catch(() => {
      if (kept.get(key) === made) kept.delete(key);
    });
    return made;
  };
}
