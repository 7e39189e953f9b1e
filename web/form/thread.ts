/**
 * Flat comments (oldest first) into threads, as WordPress nests them: at
 * most `maxDepth` levels; a reply to a comment at the deepest level sits
 * beside it; a reply whose parent is not shown (not published) goes to the
 * top level, because the public list does not say who the parent replied to.
 */
export const MAX_THREAD_DEPTH = 5;

export interface Threadable {
  id: string;
  parentId: string | null;
}

export interface ThreadNode<T extends Threadable> {
  comment: T;
  /** 1 for top-level comments. */
  depth: number;
  children: ThreadNode<T>[];
}

export function buildThreads<T extends Threadable>(comments: readonly T[], maxDepth = MAX_THREAD_DEPTH): ThreadNode<T>[] {
  const roots: ThreadNode<T>[] = [];
  const nodes = new Map<string, { node: ThreadNode<T>; parent: ThreadNode<T> | null }>();
  for (const comment of comments) {
    if (nodes.has(comment.id)) continue;
    let parent = comment.parentId ? (nodes.get(comment.parentId) ?? null) : null;
    // Too deep: climb until there is room, so the reply sits beside its parent.
    while (parent && parent.node.depth >= maxDepth) parent = parent.parent ? (nodes.get(parent.parent.comment.id) ?? null) : null;
    const node: ThreadNode<T> = { comment, depth: parent ? parent.node.depth + 1 : 1, children: [] };
    (parent ? parent.node.children : roots).push(node);
    nodes.set(comment.id, { node, parent: parent?.node ?? null });
  }
  return roots;
}
