import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';
import type { AuthProvider } from './auth';

export interface AppServices {
  readonly api: Api;
  readonly auth: AuthProvider;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export const useApp = (): AppServices => {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside the console');
  return services;
};
