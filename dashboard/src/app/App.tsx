// Shell: language, session, header/nav, and the page for the current route.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, setCsrfToken, type User } from './api.js';
import { I18nContext, makeI18n, type Lang } from './i18n.js';
import { useRoute } from './route.js';
import { Login } from './views/Login.js';
import { Search } from './views/Search.js';
import { ClientView } from './views/ClientView.js';
import { ModelView } from './views/ModelView.js';

const initialLang = (): Lang => (localStorage.getItem('lang') === 'en' ? 'en' : 'fr');

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const route = useRoute();
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('lang', lang);
  }, [lang]);
  useEffect(() => {
    const expired = () => setUser(null);
    window.addEventListener('session-expired', expired);
    return () => window.removeEventListener('session-expired', expired);
  }, []);
  useEffect(() => {
    api
      .me()
      .then((u) => {
        setCsrfToken(u.csrfToken);
        setUser(u);
      })
      .catch(() => setUser(null));
  }, []);
  useEffect(() => {
    const page =
      user === null ? t('loginTitle') : route.page === 'model' ? t('modelTitle') : t('searchTitle');
    document.title = `${page} · ${t('appTitle')}`;
  }, [user, route, lang]);

  const logout = async () => {
    await api.logout().catch(() => undefined);
    setCsrfToken('');
    setUser(null);
  };

  return (
    <I18nContext.Provider value={i18n}>
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        {t('skip')}
      </a>
      <header class="top">
        <span class="brand">{t('appTitle')}</span>
        {user ? (
          <nav aria-label={t('appTitle')}>
            <a href="#/clients" aria-current={route.page !== 'model' ? 'page' : undefined}>
              {t('navClients')}
            </a>
            <a href="#/model" aria-current={route.page === 'model' ? 'page' : undefined}>
              {t('navModel')}
            </a>
          </nav>
        ) : null}
        <span class="spacer" />
        <button
          type="button"
          class="lang"
          lang={lang === 'fr' ? 'en' : 'fr'}
          onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}
        >
          {t('switchTo')}
        </button>
        {user ? (
          <button type="button" onClick={logout}>
            {t('logout')} ({user.user})
          </button>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {user === undefined ? (
          <p role="status">{t('loading')}</p>
        ) : user === null ? (
          <Login
            onLogin={(u) => {
              setCsrfToken(u.csrfToken);
              setUser(u);
            }}
          />
        ) : route.page === 'model' ? (
          <ModelView />
        ) : route.page === 'client' ? (
          <ClientView id={route.id} tab={route.tab} />
        ) : (
          <Search />
        )}
      </main>
    </I18nContext.Provider>
  );
}
