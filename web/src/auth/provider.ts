/**
 * How the console signs staff in. Each provider keeps its own credentials and hands the API client a
 * bearer token; screens only ask whether someone is signed in. The local token provider exists today;
 * a Cognito provider (authorization code with PKCE, tokens in memory and sessionStorage) implements the
 * same interface with `kind: 'redirect'`.
 */
export interface AuthProvider {
  /** `token`: the sign-in page asks for a token; `redirect`: sign-in leaves for the identity provider. */
  readonly kind: 'token' | 'redirect';
  /** The bearer token for the next request, or undefined when nobody is signed in. */
  accessToken(): Promise<string | undefined>;
  isSignedIn(): boolean;
  /** Token providers: remember the token typed on the sign-in page. */
  signInWithToken?(token: string): void;
  /** Redirect providers: leave for the managed login page. */
  startSignIn?(): Promise<void>;
  /** Redirect providers: finish a sign-in when the browser comes back with a code (true when it did). */
  completeSignIn?(): Promise<boolean>;
  signOut(): void;
}
