// Bounds on what a lab folder may hold. Lab content is authored (and, later, edited in the
// browser by instructors), so the loader treats it as untrusted input like anything a learner types.

/** Bytes of one lab.yaml. */
export const MAX_LAB_YAML_BYTES = 512 * 1024;

/** YAML aliases (`*anchor`) expanded while reading a lab.yaml; stops "billion laughs" documents. */
export const MAX_LAB_YAML_ALIASES = 100;

/** Files a lab may place in the learner's filesystem (inline `files:` plus its files/ folder). */
export const MAX_LAB_FILES = 64;

/** Bytes of one such file; the workstation's filesystem refuses larger ones anyway (core/limits MAX_FILE_BYTES). */
export const MAX_LAB_FILE_BYTES = 256 * 1024;

/** Where a lab's files/ folder appears in the learner's filesystem. */
export const LAB_FILES_MOUNT = '/lab';

/** Files in a lab folder as data (lab.yaml, step texts, files/): a folder read, a draft saved, an archive unpacked. */
export const MAX_LAB_FOLDER_FILES = 128;

/** Bytes of a whole lab folder as data, every file together. */
export const MAX_LAB_FOLDER_BYTES = 4 * 1024 * 1024;

/** Bytes of one step's MDX text. */
export const MAX_LAB_STEP_BYTES = 256 * 1024;

/** Characters of one path inside a lab folder (`files/manifests/api.yaml`). */
export const MAX_LAB_PATH_CHARS = 200;

/** Folders below files/ or steps/: files/a/b/c/d/x.yaml is as deep as a lab goes. */
export const MAX_LAB_PATH_DEPTH = 4;

/** Bytes of a lab archive (zip) as uploaded or read, before anything is unpacked. */
export const MAX_LAB_ARCHIVE_BYTES = 8 * 1024 * 1024;

/** Entries (files and folders) a lab archive may list; folders count, so a million empty ones cannot pass. */
export const MAX_LAB_ARCHIVE_ENTRIES = 2 * MAX_LAB_FOLDER_FILES;
