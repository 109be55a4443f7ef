// The shape of lab, step and check ids, apart from the zod schema so code that only checks an id
// (the loader, the app's routes) does not load zod.

/** Lab, step and check ids: they appear in URLs, the database and feedback, so keep them plain. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
