import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SignIn } from '../auth/SignIn';
import { loadSession } from '../auth/session';
import { ApiError, getJson } from '../command/api';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { incidentIdFromPath } from './route';
import './report.css';

interface ReportPage {
  css: string;
  html: string;
}

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; page: ReportPage }
  | { kind: 'error'; code: string; message: string };

/**
 * The incident's after-action report on the tablet: the server's printable page (the same one
 * `report.pdf` prints), a print button (the print stylesheet gives A4 pages without the
 * toolbar) and the server's PDF.
 */
export function ReportApp(): ReactElement {
  const { t, i18n } = useTranslation();
  const store = useAppStoreApi();
  const session = useAppStore((s) => s.auth.session);
  const incidentId = incidentIdFromPath(window.location.pathname);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const base = `/api/v1/incidents/${encodeURIComponent(incidentId)}/report`;
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    document.title = `${t('incidentReport.title')} · ${t('app.title')}`;
  }, [t]);
  useEffect(() => {
    const ctl = new AbortController();
    setState({ kind: 'loading' });
    (getJson(`${base}/page?lang=${lang}`, ctl.signal) as Promise<ReportPage>).then(
      (page) => setState({ kind: 'ready', page }),
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 401)
          store.getState().requireSignIn('required');
        setState(
          err instanceof ApiError
            ? { kind: 'error', code: err.code, message: err.message }
            : { kind: 'error', code: 'network', message: String(err) },
        );
      },
    );
    return () => ctl.abort();
  }, [base, lang, session, store]);

  const downloadPdf = async () => {
    const token = loadSession(window.localStorage, Date.now())?.token;
    const res = await fetch(`${base}.pdf?lang=${lang}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      setState({
        kind: 'error',
        code: body.code ?? `http.${res.status}`,
        message: body.message ?? '',
      });
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    window.open(url, '_blank');
  };

  return (
    <div className="incident-report" data-testid="incident-report" data-state={state.kind}>
      <header className="incident-report__bar">
        <a className="incident-report__btn" href={`/command${window.location.search}`}>
          ‹ {t('incidentReport.back')}
        </a>
        <h1>{t('incidentReport.title')}</h1>
        <button
          type="button"
          className="incident-report__btn"
          data-testid="report-print"
          onClick={() => window.print()}
        >
          {t('incidentReport.print')}
        </button>
        <button
          type="button"
          className="incident-report__btn"
          data-testid="report-pdf"
          onClick={() => void downloadPdf()}
        >
          {t('incidentReport.pdf')}
        </button>
      </header>
      {state.kind === 'loading' && (
        <p className="incident-report__note">{t('incidentReport.loading')}</p>
      )}
      {state.kind === 'error' && (
        <p
          className="incident-report__note incident-report__note--error"
          data-testid="report-error"
          data-code={state.code}
        >
          {t(state.code === 'api.not_found' ? 'incidentReport.notFound' : 'incidentReport.failed')}{' '}
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <>
          <style>{state.page.css}</style>
          {/* The server escapes every value it puts in the page. */}
          <div
            className="incident-report__page"
            dangerouslySetInnerHTML={{ __html: state.page.html }}
          />
        </>
      )}
      <SignIn />
    </div>
  );
}
