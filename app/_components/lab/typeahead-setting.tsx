'use client';
// The learner's choice of local echo in the lab terminal (terminal-typeahead.ts): Auto paints
// typed keys at once only when the connection is slow, On always, Off never. Kept in this
// browser's localStorage; the terminal takes the change at once.

import { useEffect, useState } from 'react';
import type { TypeaheadMode } from '../terminal-typeahead';
import { saveTypeaheadMode, savedTypeaheadMode } from '../terminal-typeahead-xterm';

const LABELS: Record<TypeaheadMode, string> = { auto: 'Auto', on: 'On', off: 'Off' };

export function TypeaheadSetting({ onChange }: { onChange(mode: TypeaheadMode): void }) {
  const [mode, setMode] = useState<TypeaheadMode>('auto');
  // localStorage exists only in the browser: read it after the first render, not during it.
  useEffect(() => setMode(savedTypeaheadMode()), []);
  return (
    <label className="lab-panel__typeahead" title="Show typed keys at once, before the lab answers (helps on a slow connection)">
      Local echo{' '}
      <select
        data-testid="typeahead-setting"
        value={mode}
        onChange={(event) => {
          const next = event.target.value as TypeaheadMode;
          setMode(next);
          saveTypeaheadMode(next);
          onChange(next);
        }}
      >
        {(Object.keys(LABELS) as TypeaheadMode[]).map((m) => (
          <option key={m} value={m}>
            {LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  );
}
