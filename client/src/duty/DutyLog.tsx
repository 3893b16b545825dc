import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyEntry } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { dateTime } from './draft';
import { useDutyCommand } from './use-duty-command';

function EntryForm(): ReactElement {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'note' | 'call'>('note');
  const [text, setText] = useState('');
  const [caller, setCaller] = useState('');
  const [phone, setPhone] = useState('');
  const { send, busy, error } = useDutyCommand();
  return (
    <form
      className="duty-form"
      data-testid="entry-form"
      onSubmit={(e) => {
        e.preventDefault();
        const call =
          kind === 'call'
            ? {
                ...(caller.trim() ? { caller: caller.trim() } : {}),
                ...(phone.trim() ? { phone: phone.trim() } : {}),
              }
            : {};
        void send({ type: 'duty.entry', kind, text: text.trim(), ...call }).then((ok) => {
          if (!ok) return;
          setText('');
          setCaller('');
          setPhone('');
        });
      }}
    >
      <div className="duty-form__row" role="radiogroup">
        {(['note', 'call'] as const).map((k) => (
          <label key={k} className="duty-choice">
            <input
              type="radio"
              name="entry-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {t(`duty.entryKind.${k}`)}
          </label>
        ))}
      </div>
      {kind === 'call' && (
        <div className="duty-form__row">
          <input
            aria-label={t('duty.caller')}
            placeholder={t('duty.caller')}
            value={caller}
            onChange={(e) => setCaller(e.target.value)}
          />
          <input
            aria-label={t('duty.phone')}
            placeholder={t('duty.phone')}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        </div>
      )}
      <textarea
        aria-label={t('duty.text')}
        placeholder={t('duty.text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
      />
      <button type="submit" className="duty-button" disabled={busy || text.trim() === ''}>
        {t('duty.add')}
      </button>
      {error && <p className="duty-error">{error}</p>}
    </form>
  );
}

function Entry({ entry }: { entry: DutyEntry }): ReactElement {
  const { t, i18n } = useTranslation();
  return (
    <li
      className={`duty-entry duty-entry--${entry.kind}`}
      data-testid="duty-entry"
      data-kind={entry.kind}
    >
      <div className="duty-entry__head">
        <span className="duty-entry__kind">{t(`duty.entryKind.${entry.kind}`)}</span>
        <time className="duty-entry__time">{dateTime(i18n.language, entry.at)}</time>
        <span className="duty-entry__by">{t('duty.signed', { by: entry.by })}</span>
      </div>
      {entry.kind === 'call' && (entry.caller || entry.phone) && (
        <div className="duty-entry__caller">
          {[entry.caller, entry.phone].filter(Boolean).join(' · ')}
        </div>
      )}
      {entry.text && <p className="duty-entry__text">{entry.text}</p>}
      {entry.onDuty && (
        <p className="duty-entry__text">
          {t('duty.handedOver', {
            people: entry.onDuty.map((p) => `${p.duty} ${p.name}`).join('、'),
          })}
        </p>
      )}
      {entry.open && entry.open.length > 0 && (
        <div className="duty-entry__open">
          {t('duty.openAt')}
          <ul>
            {entry.open.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** The duty log, newest first, with the form for a note or a call received. */
export function DutyLog({ canWrite }: { canWrite: boolean }): ReactElement {
  const { t } = useTranslation();
  const duties = useAppStore((s) => s.duties);
  const entries = useMemo(() => [...duties.values()].sort((a, b) => b.at - a.at), [duties]);
  return (
    <section className="panel duty-log" data-testid="duty-log" data-count={entries.length}>
      <h2 className="panel__title">{t('duty.log')}</h2>
      {canWrite && <EntryForm />}
      {entries.length === 0 ? (
        <p className="panel__empty">{t('duty.empty')}</p>
      ) : (
        <ol className="duty-entries">
          {entries.map((e) => (
            <Entry key={e.id} entry={e} />
          ))}
        </ol>
      )}
    </section>
  );
}
