import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { newCommandId } from './command-id';
import { useTablet } from './context';
import { Modal } from './Modal';
import { TravelFigures } from './TravelFigures';
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

/**
 * Confirms a dispatch: the picked units, with distance and ETA, and a note for the agencies. On
 * confirm the command goes out and the dialog gives way to the units tab, where each unit shows
 * the command pending until the server confirms it, then its order's progress.
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
  const support = useTabletUi((s) =>
    s.support?.incidentId === incidentId ? s.support.data : null,
  );
  const [note, setNote] = useState('');
  const figures = new Map(
    (support?.resources ?? []).flatMap((g) => g.candidates.map((c) => [c.resource.id, c] as const)),
  );

  function confirm(): void {
    const trimmed = note.trim();
    void log
      .submit({
        type: 'dispatch',
        commandId: newCommandId(),
        incidentId,
        resourceIds,
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
      <ul className="confirm-list" data-testid="dispatch-list">
        {resourceIds.map((id) => {
          const r = resources.get(id);
          const f = figures.get(id);
          return (
            <li key={id} data-resource-id={id}>
              <span className="confirm-list__name">{r?.name ?? id}</span>
              {r && <span className="confirm-list__type">{t(`resourceType.${r.type}`)}</span>}
              {f && (
                <TravelFigures
                  className="confirm-list__figures"
                  distanceKm={f.distanceKm}
                  etaMinutes={f.etaMinutes}
                  basis={f.basis}
                />
              )}
            </li>
          );
        })}
      </ul>
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
          onClick={confirm}
        >
          {t('command.dispatch.confirm', { count: resourceIds.length })}
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
