import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n';
import type { Route } from '../router';
import { ErrorState, Loading } from '../ui/states';

export interface ScreenProps {
  /** The id in the route (`#/item/<id>`, `#/tulis/<draftId>`), when there is one. */
  readonly param?: string;
}

type Loader = () => Promise<{ default: ComponentType<ScreenProps> }>;

/** Every screen is its own module, loaded when first opened, so the first page load stays small. */
const loaders: Record<Route['screen'], Loader> = {
  beranda: () => import('./beranda'),
  kalender: () => import('./kalender'),
  tulis: () => import('../compose/compose-screen'),
  persetujuan: () => import('./persetujuan'),
  item: () => import('./item'),
  'kotak-masuk': () => import('./kotak-masuk'),
  'tindak-lanjut': () => import('./tindak-lanjut'),
  laporan: () => import('./laporan'),
  'not-found': () => import('./not-found'),
};

export const ScreenHost = ({ route }: { route: Route }) => {
  const t = useT();
  const [loaded, setLoaded] = useState<{ screen: string; Component: ComponentType<ScreenProps> }>();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setFailed(false);
    loaders[route.screen]()
      .then((m) => {
        if (live) setLoaded({ screen: route.screen, Component: m.default });
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, [route.screen, attempt]);

  if (failed) return <ErrorState message={t('errors.screenLoad')} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!loaded || loaded.screen !== route.screen) return <Loading />;
  const { Component } = loaded;
  // Each navigation is a fresh screen (keyed), so no state leaks from one item or draft to the next;
  // an address replaced in place keeps the screen.
  return <Component key={`${route.screen}/${route.visit ?? 0}`} param={route.param} />;
};
