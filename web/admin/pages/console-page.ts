/**
 * What every console page is: a path in the address (#/<path>), a label in
 * the navigation, and a mount function. Add a page by writing a module that
 * exports a ConsolePage and listing it in ../page-registry.ts.
 */
import type { ModerationApi, Page } from '../api';

export interface PageContext {
  api: ModerationApi;
  /** The pending list's first page, whenever a page has just read it (keeps the header's queue figures fresh). */
  onPendingPage(page: Page): void;
}

export interface ConsolePage {
  /** The page's address: `#/<path>`. */
  path: string;
  /** Its name in the navigation and its heading. */
  label: string;
  /** Builds the page into `container`; returns how to stop it (timers, keyboard listeners). */
  mount(container: HTMLElement, context: PageContext): () => void;
}
