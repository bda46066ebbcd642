/** Errors a user can act on: what went wrong and the fix. Anything else is a bug. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    /** The fix in a terminal's words (`--version 1.2.0`), when the fix names an action input. */
    readonly terminalFix?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The message as shown to the user: the problem, then the fix, for the action or for the CLI. */
  describe(where: 'action' | 'terminal' = 'action'): string {
    const fix = (where === 'terminal' && this.terminalFix) || this.fix;
    return fix ? `${this.message}\nFix: ${fix}` : this.message;
  }
}

/** The config file is invalid; the diagnostics carry file, line and column. */
export class ConfigError extends UserError {
  constructor(readonly diagnostics: import('./types.js').Diagnostic[]) {
    super(
      `${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the config file`,
      'correct the config file as each message says, then run again',
    );
  }
}

/** The history needed to compute the diff is not available. */
export class HistoryError extends UserError {}

/** An input (service, version, base, head, …) is invalid. */
export class InputError extends UserError {}

/** The audit branch cannot be written (permissions, network, too many lost races). */
export class AuditWriteError extends UserError {}

/** The audit branch's history was rewritten: its last known head is no longer an ancestor. */
export class AuditRewrittenError extends UserError {}

/** A file on the audit branch is not JSON, or not of the shape of its kind (record, pointer). */
export class AuditFileError extends UserError {}

/** How to protect the audit branch against the next rewrite: the one wording, for every rewrite error. */
export function auditRulesetAdvice(branch: string): string {
  return `protect '${branch}' with a ruleset (Settings → Rules → Rulesets → New branch ruleset, target '${branch}', turn on "Restrict deletions" and "Block force pushes"; releases still push to it)`;
}

/** The token lacks a permission; the fix shows the exact `permissions:` block. */
export class PermissionError extends UserError {}

/** The `permissions:` block a release job needs, for error messages. */
export function permissionsBlock(needs: { deployments?: boolean }): string {
  return ['permissions:', '  contents: write', ...(needs.deployments ? ['  deployments: write'] : [])].join(
    '\n',
  );
}
