// Bounds on what an author may store and run through the browser editor, in one place. The
// per-file bounds of a lab folder itself (lab.yaml size, file counts) are the engine's
// (lab-engine/labs/lab-limits.ts); these are the app's around them.

/** Bytes of a whole draft (every file's UTF-8 bytes): it must fit a request under the server's 1 MiB body limit. */
export const MAX_DRAFT_BYTES = 900 * 1024;
/** Files in one draft: lab.yaml, its steps and its files/ folder. */
export const MAX_DRAFT_FILES = 100;
/** Characters of a path inside a draft. */
export const MAX_DRAFT_PATH_CHARS = 200;
/** Characters of a lab title and of a module slug when a lab is created. */
export const MAX_TITLE_CHARS = 120;
export const MAX_MODULE_CHARS = 64;
/** Characters of a publish note. */
export const MAX_NOTE_CHARS = 500;
/** Labs one author may keep; a runaway script cannot fill the database. */
export const MAX_LABS_PER_OWNER = 200;
/** Versions one lab may have; each is a full copy of the files. */
export const MAX_VERSIONS_PER_LAB = 500;
/** Bytes of an uploaded zip (the server refuses bodies over 1 MiB before this). */
export const MAX_IMPORT_ZIP_BYTES = 1024 * 1024;
/** A self-test that runs longer is killed and reported as failed. */
export const SELF_TEST_TIMEOUT_MS = 90_000;
/** Self-tests running at once on the server (2 cores shared with every terminal); more wait their turn. */
export const SELF_TEST_CONCURRENCY = 1;
/** Self-tests waiting for their turn; beyond this the request is refused (429). */
export const SELF_TEST_QUEUE = 4;
/** Bytes of a self-test's output kept (its JSON report); more is a failure, not a stored blob. */
export const MAX_SELF_TEST_OUTPUT_BYTES = 512 * 1024;
/** Commands of a trial attempt turned into a solution by "record solution". */
export const MAX_RECORDED_COMMANDS = 200;
/** Characters of a unified diff of one file; a larger one is cut with a note. */
export const MAX_PATCH_CHARS = 200_000;
