/**
 * Something the machine lacks for `npm test` (redis-server, a browser): the message says what
 * and how to get it, in one line. The stack is left out of what the runner prints — it would
 * only show the test rig's own lines and bury the sentence that matters.
 */
export class SetupMissing extends Error {
  override readonly name = 'SetupMissing';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}
