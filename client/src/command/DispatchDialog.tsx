import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { newCommandId } from './command-id';
import { useTablet } from './context';
import { Modal } from './Modal';
import type { Candidate } from './dispatch-race';
import { TravelFigures } from './TravelFigures';
import { AlternativeButton, RefusalReason, useNextBest } from './UnitRefusal';
import { refreshSupport } from './use-support';
import { tabletUi, useTabletUi } from './ui-store';

const NOTE_MAX = 2_000;

function NoteField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="tablet-field">
      <span>{t('command.dispatch.note')}</span>
      <textarea
        data-testid="order-note"
        rows={2}
        maxLength={NOTE_MAX}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** One unit of the confirmation: its figures, or — taken meanwhile — why, and the unit to send instead. */
function ConfirmRow(props: {
  incidentId: string;
  resourceId: string;
  exclude: ReadonlySet<string>;
  figures: Candidate | undefined;
  onSwap: (from: string, to: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const { incidentId, resourceId } = props;
  const r = useAppStore((s) => s.resources.get(resourceId));
  const free = r?.status === 'available';
  const type = r?.type ?? props.figures?.resource.type;
  const alternative = useNextBest(incidentId, free ? undefined : type, props.exclude);
  const f = props.figures;
  return (
    <li
      data-resource-id={resourceId}
      data-available={free ? '1' : '0'}
      className={free ? undefined : 'is-taken'}
    >
      <span className="confirm-list__name">{r?.name ?? f?.resource.name ?? resourceId}</span>
      {type && <span className="confirm-list__type">{t(`resourceType.${type}`)}</span>}
      {free && f && (
        <TravelFigures
          className="confirm-list__figures"
          distanceKm={f.distanceKm}
          etaMinutes={f.etaMinutes}
          basis={f.basis}
        />
      )}
      {!free && (
        <span className="confirm-list__taken">
          <RefusalReason
            incidentId={incidentId}
            resourceId={resourceId}
            code={r ? 'dispatch.unit_busy' : 'dispatch.unit_unknown'}
            status={r?.status}
          />
          <AlternativeButton
            candidate={alternative}
            label="swap"
            onPick={(to) => props.onSwap(resourceId, to)}
          />
        </span>
      )}
    </li>
  );
}

/**
 * Confirms a dispatch: the picked units, with distance and ETA, and a note for the agencies.
 * Availability is checked live: a unit taken meanwhile is shown with why and the next-best unit
 * to swap in, and is not sent. On confirm the command goes out with the units still free and the
 * dialog gives way to the units tab, where each unit shows the command pending until the server
 * confirms it, then its order's progress (or, taken in the last moment, why it did not go).
 */
export function DispatchDialog({
  incidentId,
  resourceIds,
}: {
  incidentId: string;
  resourceIds: string[];
}): ReactElement {
  const { t } = useTranslation();
  const { log } = useTablet();
  const incident = useAppStore((s) => s.incidents.get(incidentId));
  const resources = useAppStore((s) => s.resources);
  const picked = useTabletUi((s) => s.picked);
  const support = useTabletUi((s) =>
    s.support?.incidentId === incidentId ? s.support.data : null,
  );
  const [note, setNote] = useState('');
  const [ids, setIds] = useState(resourceIds);
  const figures = new Map(
    (support?.resources ?? []).flatMap((g) => g.candidates.map((c) => [c.resource.id, c] as const)),
  );
  const free = ids.filter((id) => resources.get(id)?.status === 'available');
  const exclude = new Set([...ids, ...picked]);

  function confirm(): void {
    const trimmed = note.trim();
    void log
      .submit({
        type: 'dispatch',
        commandId: newCommandId(),
        incidentId,
        resourceIds: free,
        ...(trimmed ? { note: trimmed } : {}),
      })
      .then(refreshSupport);
    tabletUi.setState({
      dialog: null,
      picked: new Set(),
      panel: { kind: 'incident', incidentId, tab: 'units' },
    });
  }

  return (
    <Modal testId="dispatch-dialog" title={t('command.dispatch.title')}>
      <p className="tablet-note">
        {t('command.dispatch.to', { title: incident?.title ?? incidentId })}
      </p>
      <ul className="confirm-list" data-testid="dispatch-list" data-free={free.length}>
        {ids.map((id) => (
          <ConfirmRow
            key={id}
            incidentId={incidentId}
            resourceId={id}
            exclude={exclude}
            figures={figures.get(id)}
            onSwap={(from, to) => setIds((now) => now.map((x) => (x === from ? to : x)))}
          />
        ))}
      </ul>
      {free.length === 0 && (
        <p className="tablet-error" role="alert" data-testid="dispatch-none-left">
          {t('command.dispatch.noneLeft')}
        </p>
      )}
      <NoteField value={note} onChange={setNote} />
      <div className="tablet-actions">
        <button
          type="button"
          className="tablet-btn"
          onClick={() => tabletUi.setState({ dialog: null })}
        >
          {t('command.cancel')}
        </button>
        <button
          type="button"
          className="tablet-btn tablet-btn--primary"
          data-testid="dispatch-confirm"
          disabled={free.length === 0}
          onClick={confirm}
        >
          {t('command.dispatch.confirm', { count: free.length })}
        </button>
      </div>
    </Modal>
  );
}

/** Confirms a recall of one unit; it then shows pending in the units tab like a dispatch. */
export function RecallDialog({
  incidentId,
  resourceId,
}: {
  incidentId: string;
  resourceId: string;
}): ReactElement {
  const { t } = useTranslation();
  const { log } = useTablet();
  const resource = useAppStore((s) => s.resources.get(resourceId));
  const [note, setNote] = useState('');

  function confirm(): void {
    const trimmed = note.trim();
    void log.submit({
      type: 'recall',
      commandId: newCommandId(),
      resourceId,
      ...(trimmed ? { note: trimmed } : {}),
    });
    tabletUi.setState({ dialog: null, panel: { kind: 'incident', incidentId, tab: 'units' } });
  }

  return (
    <Modal testId="recall-dialog" title={t('command.recall.title')}>
      <p className="tablet-note">
        {t('command.recall.what', { name: resource?.name ?? resourceId })}
      </p>
      <NoteField value={note} onChange={setNote} />
      <div className="tablet-actions">
        <button
          type="button"
          className="tablet-btn"
          onClick={() => tabletUi.setState({ dialog: null })}
        >
          {t('command.cancel')}
        </button>
        <button
          type="button"
          className="tablet-btn tablet-btn--primary"
          data-testid="recall-confirm"
          onClick={confirm}
        >
          {t('command.recall.confirm')}
        </button>
      </div>
    </Modal>
  );
}
