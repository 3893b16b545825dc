import { useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Casualties,
  IncidentCategory,
  IncidentLevel,
  IncidentType,
  type Command,
  type Incident,
  type LngLat,
} from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { newCommandId, newIncidentLocalId } from './command-id';
import type { CommandEntry } from './command-log';
import { useCommandLog, useTablet } from './context';
import { Select } from './controls';
import { CommandOutcome, Modal } from './Modal';
import { usePlaceName } from './use-place-name';
import { openIncident, tabletUi } from './ui-store';

type IncidentCategory = Incident['category'];
const CASUALTY_KEYS = ['dead', 'injured', 'missing', 'trapped'] as const;
type CasualtyKey = (typeof CASUALTY_KEYS)[number];

/** The category a type usually falls in (the commander may change it). */
export const DEFAULT_CATEGORY: Record<Incident['type'], IncidentCategory> = {
  fire: 'accident_disaster',
  explosion: 'accident_disaster',
  hazmat_leak: 'accident_disaster',
  traffic: 'accident_disaster',
  building_collapse: 'accident_disaster',
  flood: 'natural_disaster',
  waterlogging: 'natural_disaster',
  landslide: 'natural_disaster',
  earthquake: 'natural_disaster',
  other: 'accident_disaster',
};

interface Draft {
  /** Empty until chosen: a report never silently defaults to fire. */
  type: Incident['type'] | '';
  category: IncidentCategory;
  level: Incident['level'];
  title: string;
  address: string;
  description: string;
  casualties: Record<CasualtyKey, string>;
}

function draftOf(incident: Incident | undefined, address = ''): Draft {
  const type = incident?.type ?? '';
  return {
    type,
    category: incident?.category ?? (type === '' ? 'accident_disaster' : DEFAULT_CATEGORY[type]),
    level: incident?.level ?? 'IV',
    title: incident?.title ?? '',
    address: incident?.address ?? address,
    description: incident?.description ?? '',
    casualties: {
      dead: String(incident?.casualties.dead ?? 0),
      injured: String(incident?.casualties.injured ?? 0),
      missing: String(incident?.casualties.missing ?? 0),
      trapped: String(incident?.casualties.trapped ?? 0),
    },
  };
}

type FieldError = 'type' | 'title' | CasualtyKey;
type DraftFields = Omit<Extract<Command, { type: 'incident.create' }>['incident'], 'location'>;
type Changes = Extract<Command, { type: 'incident.update' }>['changes'];

/** The draft's fields as a command would carry them, or the first field that is wrong. Pure. */
export function readDraft(
  d: Draft,
): { ok: true; fields: DraftFields } | { ok: false; field: FieldError } {
  if (d.type === '') return { ok: false, field: 'type' };
  const type = d.type;
  const title = d.title.trim();
  if (title.length === 0 || title.length > 200) return { ok: false, field: 'title' };
  const counts = {} as Record<CasualtyKey, number>;
  for (const k of CASUALTY_KEYS) {
    const raw = d.casualties[k].trim();
    const n = raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000) return { ok: false, field: k };
    counts[k] = n;
  }
  const address = d.address.trim();
  const description = d.description.trim();
  return {
    ok: true,
    fields: {
      type,
      category: d.category,
      level: d.level,
      title,
      casualties: Casualties.parse(counts),
      ...(address ? { address } : {}),
      ...(description ? { description } : {}),
    },
  };
}

/** Only what changed, for `incident.update`. Pure. */
export function changesFrom(incident: Incident, fields: DraftFields): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(fields) as (keyof DraftFields)[]) {
    if (JSON.stringify(incident[key]) !== JSON.stringify(fields[key]))
      Object.assign(changes, { [key]: fields[key] });
  }
  return changes;
}

/**
 * Reporting a new incident where the map was long-pressed, or editing one: type, category,
 * level, title, address, description and casualties. The dialog stays until the server
 * confirms; a refusal is shown in it.
 */
export function IncidentForm({
  mode,
}: {
  mode: { kind: 'create'; location: LngLat } | { kind: 'edit'; incidentId: string };
}): ReactElement {
  const { t } = useTranslation();
  const { log } = useTablet();
  const incident = useAppStore((s) =>
    mode.kind === 'edit' ? s.incidents.get(mode.incidentId) : undefined,
  );
  const where = usePlaceName(mode.kind === 'create' ? mode.location : null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(incident, where?.address));
  const [commandId, setCommandId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const entry: CommandEntry | null = useCommandLog((s) =>
    commandId ? (s.entries.get(commandId) ?? null) : null,
  );
  const busy = entry?.state === 'pending';
  const read = readDraft(draft);
  const error = touched && !read.ok ? read.field : null;

  async function submit(): Promise<void> {
    setTouched(true);
    if (!read.ok || busy) return;
    let command: Command;
    let openAfter: string | null = null;
    if (mode.kind === 'create') {
      const id = newIncidentLocalId();
      command = {
        type: 'incident.create',
        commandId: newCommandId(),
        id,
        incident: { ...read.fields, location: mode.location },
      };
      // Incidents a commander reports belong to the command center (agency `cc`).
      openAfter = `cc:${id}`;
    } else {
      if (!incident) return;
      const changes = changesFrom(incident, read.fields);
      if (Object.keys(changes).length === 0) {
        tabletUi.setState({ dialog: null });
        return;
      }
      command = {
        type: 'incident.update',
        commandId: newCommandId(),
        incidentId: incident.id,
        changes,
      };
    }
    setCommandId(command.commandId);
    const settled = await log.submit(command);
    if (settled?.state !== 'confirmed') return;
    tabletUi.setState({ dialog: null });
    if (openAfter) openIncident(tabletUi, openAfter);
  }

  function onSubmit(e: FormEvent<HTMLFormElement>): void {
    e.preventDefault();
    void submit();
  }

  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const title =
    mode.kind === 'create' ? t('command.form.createTitle') : t('command.form.editTitle');
  return (
    <Modal testId="incident-form" title={title}>
      <form className="tablet-form" onSubmit={onSubmit} noValidate>
        {mode.kind === 'create' && (
          <p className="tablet-note" data-testid="form-location">
            {where?.text ?? t('command.form.placeUnknown')}
            <span className="tablet-note__coords">
              {' '}
              ({mode.location[0].toFixed(5)}, {mode.location[1].toFixed(5)})
            </span>
          </p>
        )}
        <div className="tablet-form__row">
          <Select<Incident['type'] | ''>
            testId="form-type"
            label={t('command.form.type')}
            value={draft.type}
            invalid={error === 'type'}
            options={[
              ...(draft.type === ''
                ? [{ value: '' as const, label: t('command.form.pickType') }]
                : []),
              ...IncidentType.options.map((v) => ({ value: v, label: t(`incidentType.${v}`) })),
            ]}
            onChange={(type) =>
              type !== '' &&
              set({ type, ...(mode.kind === 'create' ? { category: DEFAULT_CATEGORY[type] } : {}) })
            }
          />
          <Select
            testId="form-level"
            label={t('command.form.level')}
            value={draft.level}
            options={IncidentLevel.options.map((v) => ({
              value: v,
              label: t(`incidentLevelLong.${v}`),
            }))}
            onChange={(level) => set({ level })}
          />
          <Select
            testId="form-category"
            label={t('command.form.category')}
            value={draft.category}
            options={IncidentCategory.options.map((v) => ({
              value: v,
              label: t(`incidentCategory.${v}`),
            }))}
            onChange={(category) => set({ category })}
          />
        </div>
        {error === 'type' && (
          <p className="tablet-error" data-testid="form-type-required">
            {t('command.form.typeRequired')}
          </p>
        )}
        <label className="tablet-field">
          <span>{t('command.form.title')}</span>
          <input
            data-testid="form-title"
            value={draft.title}
            maxLength={200}
            aria-invalid={error === 'title'}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        {error === 'title' && <p className="tablet-error">{t('command.form.titleRequired')}</p>}
        <label className="tablet-field">
          <span>{t('command.form.address')}</span>
          <input
            data-testid="form-address"
            value={draft.address}
            maxLength={300}
            onChange={(e) => set({ address: e.target.value })}
          />
        </label>
        <label className="tablet-field">
          <span>{t('command.form.description')}</span>
          <textarea
            data-testid="form-description"
            value={draft.description}
            maxLength={4000}
            rows={2}
            onChange={(e) => set({ description: e.target.value })}
          />
        </label>
        <fieldset className="tablet-form__casualties">
          <legend>{t('command.incident.casualties')}</legend>
          {CASUALTY_KEYS.map((k) => (
            <label key={k} className="tablet-field tablet-field--number">
              <span>{t(`command.casualty.${k}`)}</span>
              <input
                data-testid={`form-${k}`}
                inputMode="numeric"
                type="number"
                min={0}
                step={1}
                value={draft.casualties[k]}
                aria-invalid={error === k}
                onChange={(e) => set({ casualties: { ...draft.casualties, [k]: e.target.value } })}
              />
            </label>
          ))}
        </fieldset>
        {error !== null && error !== 'title' && error !== 'type' && (
          <p className="tablet-error">{t('command.form.countInvalid')}</p>
        )}
        <CommandOutcome entry={entry} />
        <div className="tablet-actions">
          <button
            type="button"
            className="tablet-btn"
            onClick={() => tabletUi.setState({ dialog: null })}
          >
            {t('command.cancel')}
          </button>
          <button
            type="submit"
            className="tablet-btn tablet-btn--primary"
            data-testid="form-submit"
            disabled={busy}
          >
            {busy
              ? t('command.sending')
              : mode.kind === 'create'
                ? t('command.form.create')
                : t('command.form.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
