/** The one home of the naming rules. Names end up in git refs, file paths of the audit branch, log
 * lines and environment variables, so they are kept to a small, shell-inert alphabet. */

export type NameKind = 'service' | 'environment' | 'stage';

export const SERVICE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const STAGE_NAME = SERVICE_NAME;
export const MAX_NAME_LENGTH = 100;

const PATTERNS: Record<NameKind, RegExp> = {
  service: SERVICE_NAME,
  environment: ENVIRONMENT_NAME,
  stage: STAGE_NAME,
};

/** `..` is a parent directory in a path and forbidden in git refs; a trailing `.` is dropped by some
 * file systems, so two names could share one file. */
function hasDotHazard(name: string): boolean {
  return name.includes('..') || name.endsWith('.');
}

function isName(kind: NameKind, name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && PATTERNS[kind].test(name) && !hasDotHazard(name);
}

export function isServiceName(name: string): boolean {
  return isName('service', name);
}

/** An environment name becomes a path segment on the audit branch (`current/<environment>/…`). */
export function isEnvironmentName(name: string): boolean {
  return isName('environment', name);
}

export function isStageName(name: string): boolean {
  return isName('stage', name);
}

/** The rule in words, for messages that must say what a valid name looks like. */
export function describeNameRule(kind: NameKind): string {
  const alphabet =
    kind === 'environment'
      ? 'letters, digits, ".", "_" and "-", starting with a letter or digit'
      : 'lowercase letters a-z, digits 0-9, ".", "_" and "-", starting with a letter or digit';
  const article = kind === 'environment' ? 'an' : 'a';
  return `${article} ${kind} name is 1 to ${MAX_NAME_LENGTH} characters: ${alphabet}, with no ".." and no "." at the end`;
}

// Characters git refuses anywhere in a ref name (git check-ref-format), plus ASCII controls.
// eslint-disable-next-line no-control-regex
const REF_FORBIDDEN = /[\u0000-\u0020\u007f~^:?*[\\]/;

/** Whether `name` is a valid git tag or branch name (the rules of `git check-ref-format`), also refusing a
 * leading `-` so that the name can never be read as a command-line option. */
export function isGitRefName(name: string): boolean {
  if (name === '' || name === '@' || name === 'HEAD') return false;
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{') || REF_FORBIDDEN.test(name))
    return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}
