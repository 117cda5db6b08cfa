/**
 * How the console signs staff in. Each provider keeps its own credentials and hands the API client a
 * bearer token; screens only ask whether someone is signed in. Locally the token provider asks for the
 * token `npm start` prints; on AWS the Cognito provider (authorization code with PKCE, tokens in
 * sessionStorage) implements the same interface with `kind: 'redirect'`.
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
  /** Forgets this tab's credentials (a refused token does this too). */
  signOut(): void;
  /** Redirect providers: also end the session at the identity provider (the `Keluar` button). */
  endSession?(): void;
}
