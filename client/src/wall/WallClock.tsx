import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { useServerNow } from '../time/use-server-now';

/** Date and time in China Standard Time, whatever the machine's zone. */
export function WallClock(): ReactElement {
  const { i18n } = useTranslation();
  const now = useServerNow();
  const [date, time] = useMemo(() => {
    const opts = { timeZone: 'Asia/Shanghai' } as const;
    return [
      new Intl.DateTimeFormat(i18n.language, {
        ...opts,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        weekday: 'short',
      }),
      new Intl.DateTimeFormat(i18n.language, {
        ...opts,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
    ];
  }, [i18n.language]);
  return (
    <div className="wall-clock" data-testid="clock">
      <span className="wall-clock__time">{time.format(now)}</span>
      <span className="wall-clock__date">{date.format(now)} CST</span>
    </div>
  );
}
