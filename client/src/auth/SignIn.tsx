import { useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { clearSession, login, saveSession } from './session';
import './sign-in.css';

type SignInError = 'invalid' | 'failed' | 'throttled';

/** What the form says above the fields, by why it shows. */
const SIGN_IN_HINTS = { required: 'hint', forbidden: 'forbidden', revoked: 'revoked' } as const;

/** The sign-in form, over the map, while the server wants a token the screen does not have. */
export function SignIn(): ReactElement | null {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const reason = useAppStore((s) => s.auth.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<SignInError | null>(null);
  const [retryAfterS, setRetryAfterS] = useState(0);
  const [busy, setBusy] = useState(false);
  if (reason === null) return null;

  async function submit(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await login({ username: username.trim(), password });
    setBusy(false);
    switch (result.outcome) {
      case 'ok':
        saveSession(window.localStorage, { token: result.token, kind: 'user' });
        setPassword('');
        store.getState().setSession('user');
        break;
      case 'disabled':
        // This server has no accounts: everyone sees the picture without signing in.
        store.getState().setSession('none');
        break;
      case 'invalid':
        setPassword('');
        setError('invalid');
        break;
      case 'throttled':
        setRetryAfterS(result.retryAfterS);
        setError('throttled');
        break;
      case 'failed':
        setError('failed');
        break;
    }
  }

  function onSubmit(e: FormEvent<HTMLFormElement>): void {
    e.preventDefault();
    if (!busy) void submit();
  }

  return (
    <div className="sign-in__backdrop">
      <form className="sign-in" data-testid="sign-in" onSubmit={onSubmit} noValidate>
        <h2 className="sign-in__title">{t('signIn.title')}</h2>
        <p className="sign-in__hint">{t(`signIn.${SIGN_IN_HINTS[reason]}`)}</p>
        <label className="sign-in__field">
          <span>{t('signIn.username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="sign-in__field">
          <span>{t('signIn.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="sign-in__error" data-testid="sign-in-error" role="alert">
            {t(`signIn.${error}`, { seconds: retryAfterS })}
          </p>
        )}
        <button
          className="sign-in__submit"
          type="submit"
          disabled={busy || username.trim() === '' || password === ''}
        >
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}

/** Header button for a person signed in: forgets the token and shows the sign-in form. */
export function SignOutButton(): ReactElement | null {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const session = useAppStore((s) => s.auth.session);
  if (session !== 'user') return null;
  return (
    <button
      className="sign-out"
      type="button"
      data-testid="sign-out"
      onClick={() => {
        clearSession(window.localStorage);
        store.getState().requireSignIn('required');
      }}
    >
      {t('signIn.signOut')}
    </button>
  );
}
