/**
 * A stable id a definitions file gives a post-mortem, an action or a success metric
 * (docs/definitions.md): lowercase, so two spellings of one id cannot both exist.
 */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export const SOURCE_ID_RULE =
  'must be 1..100 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit';
