import type { ConsoleConfig } from '../config';
import type { AuthProvider } from './provider';
import { createTokenProvider } from './token-provider';

export type { AuthProvider } from './provider';

/** Picks the sign-in provider config.json names. */
export const createAuth = (config: ConsoleConfig): AuthProvider => {
  switch (config.auth) {
    case 'token':
      return createTokenProvider();
    case 'cognito':
      // The managed-login provider (PKCE) arrives with the AWS hosting of the console.
      throw new Error('Cognito sign-in is not available in this build yet');
  }
};
