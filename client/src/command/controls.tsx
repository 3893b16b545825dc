import type { ReactElement } from 'react';

export interface SelectProps<T extends string> {
  testId: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  invalid?: boolean;
}

/** A labelled native select: the tablet's own picker, touch-sized. */
export function Select<T extends string>({
  testId,
  label,
  value,
  options,
  onChange,
  invalid,
}: SelectProps<T>): ReactElement {
  return (
    <label className="tablet-select">
      <span className="tablet-select__label">{label}</span>
      <select
        data-testid={testId}
        value={value}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(options.find((o) => o.value === e.target.value)!.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
