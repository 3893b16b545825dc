import type { ReactElement } from 'react';
import { telHref } from './format';

/** A phone number the commander calls with one tap. */
export function PhoneLink({ phone }: { phone: string }): ReactElement {
  return (
    <a className="phone-link" data-testid="phone" href={telHref(phone)}>
      {phone}
    </a>
  );
}
