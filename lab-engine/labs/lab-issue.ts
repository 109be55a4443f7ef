// One problem with a lab, as the loader, labctl and the authoring editor report it: the file, the
// field and, where known, the line and column. Its own module so lab-files.ts and the loader both
// use it without importing each other.

export interface LabIssue {
  /** The file: absolute when the lab was read from a folder, else its path inside the lab (`lab.yaml`, `steps/01-x.mdx`). */
  file: string;
  /** The field, e.g. `steps[0].checks[1].kind`, or `(top level)`. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}
