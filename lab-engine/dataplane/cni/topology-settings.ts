// Which topology settings belong together, read from the plugin table: a topology names a known
// CNI, gives only that CNI's own settings (an IPPool's ipipMode means nothing to flannel), and
// only values the CNI knows. One rule set, read by the lab schema, labsh's flags and
// createSimulation, so all three refuse the same combinations with the same words.

import type { CniName, CniSettings, TopologyOptions } from '../../core/topology';
import { TopologyError } from '../../core/topology-rules';
import type { CniSettingField, CniSettingSpec } from './cni-plugin';
import { CNI_NAMES, CNI_PLUGINS, isCniName } from './index';

export { TopologyError };

/** A CNI-specific setting: the plugin's spec of it and the CNI it belongs to. */
export interface CniSetting extends CniSettingSpec {
  cni: CniName;
}

/** Every plugin's settings, in the table's order. */
export const CNI_SETTINGS: readonly CniSetting[] = Object.values(CNI_PLUGINS).flatMap((plugin) => plugin.settings.map((spec) => ({ ...spec, cni: plugin.name })));

/** The settings present in `topology` that its CNI does not have. */
export function misplacedSettings(topology: Pick<TopologyOptions, 'cni'> & CniSettings): CniSetting[] {
  return CNI_SETTINGS.filter((s) => topology[s.field] !== undefined && topology.cni !== s.cni);
}

/** `ipipMode is Calico's IPPool setting; it only goes with cni calico (this topology uses flannel)`. */
export function misplacedMessage(setting: CniSetting, cni: CniName): string {
  return `${setting.field} is ${setting.realName}; it only goes with cni ${setting.cni} (this topology uses ${cni})`;
}

/** The CNI settings `source` gives (a topology, labsh's flags), without the unset ones, in the table's order. */
export function cniSettingsOf(source: Partial<Record<CniSettingField, unknown>>): CniSettings {
  const settings: Partial<Record<CniSettingField, unknown>> = {};
  for (const { field } of CNI_SETTINGS) if (source[field] !== undefined) settings[field] = source[field];
  // Each value is the source's own, field for field: the shapes agree.
  return settings as CniSettings;
}

/** `a, b or c`, as the error texts list allowed values. */
export function listOfValues(values: readonly string[]): string {
  return values.length > 2 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values.join(' or ');
}

/**
 * Throws on a topology no lab or flag may produce; createSimulation's last line of defence. The
 * type says what a topology should be; the checks read it as whatever arrived (a snapshot, JSON).
 */
export function assertTopology(topology: TopologyOptions): void {
  const given: Readonly<Record<string, unknown>> = { ...topology };
  const cni = String(given.cni);
  if (!isCniName(cni)) throw new TopologyError(`topology: unknown CNI "${cni}" (expected ${listOfValues(CNI_NAMES)})`);
  for (const setting of CNI_SETTINGS) {
    const value = given[setting.field];
    if (value !== undefined && !setting.values.some((v) => v === value)) {
      throw new TopologyError(`topology: ${setting.field} "${String(value)}" is not one of: ${setting.values.join(', ')}`);
    }
  }
  const wrong = misplacedSettings({ ...topology, cni })[0];
  if (wrong) throw new TopologyError(`topology: ${misplacedMessage(wrong, cni)}`);
}
