// Hash routes: #/login, #/clients, #/clients/:id/:tab, #/model. One "page" per route.
import { useEffect, useState } from 'preact/hooks';

export type Tab = 'decision' | 'data' | 'compare' | 'whatif' | 'history' | 'print';
export type Route = { page: 'clients' } | { page: 'model' } | { page: 'client'; id: number; tab: Tab };

const tabs: Tab[] = ['decision', 'data', 'compare', 'whatif', 'history', 'print'];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'model') return { page: 'model' };
  if (parts[0] === 'clients' && parts[1] && /^\d+$/.test(parts[1])) {
    const tab = tabs.find((x) => x === parts[2]) ?? 'decision';
    return { page: 'client', id: Number(parts[1]), tab };
  }
  return { page: 'clients' };
}

export const go = (hash: string): void => {
  window.location.hash = hash;
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}
