import type { AuthProvider } from './provider';

/**
 * The local sign-in: the token `npm start` prints. Kept in sessionStorage only (gone when the tab
 * closes), never put in a URL and never logged.
 */
const KEY = 'sebar.token';

export const createTokenProvider = (storage: Storage = sessionStorage): AuthProvider => {
  const read = (): string | undefined => {
    try {
      return storage.getItem(KEY) ?? undefined;
    } catch {
      return undefined;
    }
  };
  return {
    kind: 'token',
    accessToken: async () => read(),
    isSignedIn: () => read() !== undefined,
    signInWithToken: (token) => storage.setItem(KEY, token.trim()),
    signOut: () => storage.removeItem(KEY),
  };
};
