import { useEffect, useState } from 'preact/hooks';
import { href, parseHash, type Route, type ScreenName } from './routes';

export { href, parseHash, type Route, type ScreenName, screenNames } from './routes';

/** Navigation over the hash routes (see routes.ts): go to a screen, replace the address, follow changes. */

export const navigate = (screen: ScreenName, param?: string): void => {
  location.hash = href(screen, param);
};

const REPLACED = 'sebar:route-replaced';
let visits = 0;

/**
 * Changes the address without opening a new screen (e.g. once a new draft has its id), so a reload finds
 * it while the screen keeps what it holds (uploads in progress, focus).
 */
export const replaceRoute = (screen: ScreenName, param?: string): void => {
  history.replaceState(history.state, '', href(screen, param));
  window.dispatchEvent(new Event(REPLACED));
};

export const useRoute = (): Route => {
  const [route, setRoute] = useState<Route>(() => ({ ...parseHash(location.hash), visit: visits }));
  useEffect(() => {
    const onNavigate = () => {
      visits += 1;
      setRoute({ ...parseHash(location.hash), visit: visits });
    };
    const onReplace = () => setRoute({ ...parseHash(location.hash), visit: visits });
    window.addEventListener('hashchange', onNavigate);
    window.addEventListener(REPLACED, onReplace);
    return () => {
      window.removeEventListener('hashchange', onNavigate);
      window.removeEventListener(REPLACED, onReplace);
    };
  }, []);
  return route;
};
