// Errors that end a command. Each carries the exit code of SPEC §5; cli.ts is the one place
// that turns them into process.exitCode. Messages are already translated when thrown
// (commands have the translator), so the CLI prints them as they are.

export const EXIT = { ok: 0, findings: 1, cannot: 2, interrupted: 130 } as const;

export class AftersalesError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments, a missing required answer without a TTY: exit 2. */
export class UsageError extends AftersalesError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.cannot, hint);
  }
}

/** No ledger, or ledger files that the job needs are unreadable or invalid: exit 2. */
export class LedgerError extends AftersalesError {
  constructor(message: string, hint?: string, readonly details: string[] = []) {
    super(message, EXIT.cannot, hint);
  }
}

/** The user pressed Ctrl-C at a prompt: exit 130. */
export class InterruptedError extends AftersalesError {
  constructor(message = 'interrupted') {
    super(message, EXIT.interrupted);
  }
}
