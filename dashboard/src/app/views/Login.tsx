// Sign-in form. Errors are announced (role=alert) and the form keeps what was typed.
import { useState } from 'preact/hooks';
import { api, type User } from '../api.js';
import { useI18n } from '../i18n.js';
import { errorText } from '../api-errors.js';

export function Login({ onLogin }: { onLogin: (u: User) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // The failure itself (not its words), so switching language rewords it.
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.login(username, password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('loginTitle')}</h1>
      <form onSubmit={submit}>
        <label for="username">{t('username')}</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="password">{t('password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error ? (
          <p class="error" role="alert">
            {t('loginFailed', { message: errorText(error, i18n) })}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </section>
  );
}
