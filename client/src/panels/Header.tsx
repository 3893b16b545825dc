import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SignOutButton } from '../auth/SignIn';
import { countHazards } from '../store/derived';
import { useHazardStates } from '../store/use-app-store';
import { ConnectionBadge } from './ConnectionBadge';

interface CountProps {
  testId: string;
  label: string;
  value: number;
  tone: 'total' | 'alarm' | 'offline';
}

function Count({ testId, label, value, tone }: CountProps): ReactElement {
  return (
    <div className={`count count--${tone}${value > 0 ? ' count--nonzero' : ''}`}>
      <span className="count__label">{label}</span>
      <span className="count__value" data-testid={testId} data-value={value}>
        {value}
      </span>
    </div>
  );
}

/** Product title, hazard counts (total / in alarm / offline), the connection badge, sign-out. */
export function Header(): ReactElement {
  const { t } = useTranslation();
  const states = useHazardStates();
  const counts = useMemo(() => countHazards(states), [states]);
  return (
    <header className="header">
      <h1 className="header__title">{t('app.title')}</h1>
      <div className="header__counts">
        <Count
          testId="hazard-count"
          label={t('counts.hazards')}
          value={counts.total}
          tone="total"
        />
        <Count
          testId="alarm-count"
          label={t('counts.inAlarm')}
          value={counts.inAlarm}
          tone="alarm"
        />
        <Count
          testId="offline-count"
          label={t('counts.offline')}
          value={counts.offline}
          tone="offline"
        />
      </div>
      <ConnectionBadge />
      <SignOutButton />
    </header>
  );
}
