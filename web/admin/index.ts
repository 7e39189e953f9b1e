/** The moderators' console: sign in, then the header, the page navigation and the page the address names. */
import { h } from '../shared/dom';
import { ModerationApi } from './api';
import {
  completeCognitoSignIn,
  forgetCredentials,
  signInWithToken,
  signOut,
  startCognitoSignIn,
  storedCredentials,
  type Credentials,
} from './auth';
import { loadConfig, usesCognito, type ConsoleConfig } from './config';
import { ConsoleShell } from './console-shell';

const REFUSED = {
  401: 'Your sign-in was not accepted or has expired. Please sign in again.',
  403: 'This account is not a moderator (it is not in the “moderators” group).',
} as const;

async function main(): Promise<void> {
  const root = document.getElementById('console')!;
  const config = await loadConfig();
  let credentials: Credentials | null;
  try {
    credentials = (await completeCognitoSignIn(config)) ?? storedCredentials();
  } catch (error) {
    showSignIn(root, config, error instanceof Error ? error.message : String(error));
    return;
  }
  if (credentials) showConsole(root, config, credentials);
  else showSignIn(root, config, null);
}

let shell: ConsoleShell | undefined;

/** Empties the page for the sign-in form or the console. */
function resetRoot(root: HTMLElement): void {
  shell?.stop();
  shell = undefined;
  root.replaceChildren();
}

function showSignIn(root: HTMLElement, config: ConsoleConfig, problem: string | null): void {
  resetRoot(root);
  const error = h('p', { class: 'sign-in-error', role: 'alert' }, problem ?? '');
  if (usesCognito(config)) {
    const button = h('button', { type: 'button', class: 'primary' }, 'Sign in');
    button.addEventListener('click', () => void startCognitoSignIn(config));
    root.append(
      h(
        'section',
        { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
        h('h2', { id: 'sign-in-title' }, 'Sign in'),
        h('p', {}, 'Sign in with your moderator account.'),
        error,
        button,
      ),
    );
    return;
  }
  const input = h('input', {
    id: 'moderator-token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'token-help',
  });
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    h('p', { id: 'token-help' }, 'Enter the moderator token: MODERATOR_TOKEN, or the one npm start printed.'),
    error,
    h('label', { for: 'moderator-token' }, 'Moderator token'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      if (!input.value.trim()) {
        error.textContent = 'Please enter the moderator token.';
        input.focus();
        return;
      }
      const credentials = signInWithToken(input.value);
      let refused: 401 | 403 | null = null;
      const probe = new ModerationApi(
        config.apiUrl,
        () => credentials.authorization,
        (status) => (refused = status),
      );
      try {
        await probe.list('pending', { limit: 1 });
        showConsole(root, config, credentials);
      } catch (problem) {
        forgetCredentials();
        error.textContent = refused === 401 ? 'That token was not accepted.' : refused ? REFUSED[refused] : (problem as Error).message;
        input.focus();
      }
    })();
  });
  root.append(form);
  input.focus();
}

function showConsole(root: HTMLElement, config: ConsoleConfig, credentials: Credentials): void {
  resetRoot(root);
  const api = new ModerationApi(
    config.apiUrl,
    () => credentials.authorization,
    (status) => {
      forgetCredentials();
      showSignIn(root, config, REFUSED[status]);
    },
  );
  shell = new ConsoleShell(root, api, credentials.name, () => {
    resetRoot(root);
    signOut(config);
    showSignIn(root, config, null);
  });
  shell.start();
}

void main();
