// One learner's instance of a lab with variables: the values drawn from the attempt's seed put in
// place of `{{name}}` in lab.yaml's data (setup, solution, mutations, every string of the checks,
// hints, step titles, inline files) and in its files/, then validated again by the same schema,
// so the instance is a Lab like any other and nothing downstream knows variables exist. The
// cluster's own seed stays `lab.seed`: only the values vary. Step texts are substituted where they
// are rendered (substituteVariables, with labVariables' values).

import type { Lab } from './loader';
import { LabSchema } from './schema';
import { mountedFolderFiles } from './lab-files';
import { labVariables, numericVariables, substituteData, substituteVariables } from './lab-variables';

export { labVariables, substituteVariables };

/** The lab as the learner with `seed` meets it; a lab without variables is returned as it is. Throws if those values break the lab (the self-test finds that first). */
export function instantiateLab(lab: Lab, seed: number): Lab {
  if (!lab.template || !lab.variables) return lab;
  if (lab.instance?.seed === seed) return lab;
  const values = labVariables(lab, seed);
  const parsed = LabSchema.safeParse(substituteData(lab.template.data, values, numericVariables(lab.variables)));
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    throw new Error(`lab ${lab.id} with ${describeValues(values)} does not validate: ${first.path.join('.')}: ${first.message}`);
  }
  const def = parsed.data;
  const folder = Object.fromEntries(Object.entries(lab.template.files).map(([path, text]) => [path, substituteVariables(text, values)]));
  return {
    ...def,
    dir: lab.dir,
    file: lab.file,
    steps: def.steps.map((step, i) => ({ ...step, textPath: lab.steps[i]?.text === step.text ? lab.steps[i].textPath : step.text })),
    files: { ...(def.files ?? {}), ...mountedFolderFiles(folder) },
    template: lab.template,
    instance: { seed, values },
  };
}

/** `ns=shop, port=8123`, for messages that say which learner's values something happened with. */
export function describeValues(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}
