import { useMemo, useRef, useState } from 'preact/hooks';
import { createApi } from './api';
import { AppContext } from './app-context';
import type { AuthProvider } from './auth';
import type { ConsoleConfig } from './config';
import { SignIn } from './screens/sign-in';
import { Shell } from './shell';

/** Signed out: the sign-in page. Signed in: the shell with the screens. A refused token signs out. */
export const App = ({
  config,
  auth,
  signInFailed = false,
}: {
  config: ConsoleConfig;
  auth: AuthProvider;
  /** The identity provider sent the browser back without a usable sign-in. */
  signInFailed?: boolean;
}) => {
  const [signedIn, setSignedIn] = useState(auth.isSignedIn());
  const [expired, setExpired] = useState(false);
  // Only a refusal while the shell is open means the session ended (the sign-in page handles its own).
  const shellOpen = useRef(signedIn);
  shellOpen.current = signedIn;
  const api = useMemo(
    () =>
      createApi({
        baseUrl: (config.apiUrl ?? '').replace(/\/$/, ''),
        auth,
        onUnauthorized: () => {
          if (!shellOpen.current) return;
          auth.signOut();
          setExpired(true);
          setSignedIn(false);
        },
      }),
    [config, auth],
  );
  const services = useMemo(() => ({ api, auth }), [api, auth]);
  return (
    <AppContext.Provider value={services}>
      {signedIn ? (
        <Shell
          onSignOut={() => {
            auth.signOut();
            auth.endSession?.();
            setExpired(false);
            setSignedIn(false);
          }}
        />
      ) : (
        <SignIn
          expired={expired}
          failed={signInFailed}
          onSignedIn={() => {
            setExpired(false);
            setSignedIn(true);
          }}
        />
      )}
    </AppContext.Provider>
  );
};
