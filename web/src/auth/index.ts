import type { ConsoleConfig } from '../config';
import { createCognitoProvider } from './cognito-provider';
import type { AuthProvider } from './provider';
import { createTokenProvider } from './token-provider';

export type { AuthProvider } from './provider';

/** Picks the sign-in provider config.json names. */
export const createAuth = (config: ConsoleConfig): AuthProvider => {
  switch (config.auth) {
    case 'token':
      return createTokenProvider();
    case 'cognito':
      return createCognitoProvider(config, {
        storage: sessionStorage,
        location: window.location,
        replaceUrl: (url) => window.history.replaceState(null, '', url),
        fetch: fetch.bind(globalThis),
        now: () => Date.now(),
      });
  }
};
