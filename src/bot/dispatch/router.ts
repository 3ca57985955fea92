/**
 * Commands registered by name, with aliases. `/任务` and `/task` are the same command, and the
 * full-width slash `／` that Chinese input methods type is accepted like `/`.
 */
import type { MessageContext } from './context.ts';

export interface CommandContext extends MessageContext {
  /** What follows the command word, trimmed. */
  args: string;
  command: CommandSpec;
}

export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  /** One usage line, shown with errors and in /帮助. */
  usage: string;
  summary: string;
  run(ctx: CommandContext): Promise<void>;
}

export interface ParsedCommandLine {
  word: string;
  args: string;
}

/** `／任务 xx` or `/task xx` → { word: '任务' | 'task', args: 'xx' }; undefined when not a command. */
export function parseCommandLine(text: string): ParsedCommandLine | undefined {
  const m = /^[/／]\s*([^\s/／]+)\s*([\s\S]*)$/u.exec(text.trim());
  if (!m) return undefined;
  return { word: m[1]!.toLowerCase(), args: m[2]!.trim() };
}

export class Router {
  private readonly byWord = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];

  command(spec: CommandSpec): this {
    for (const word of [spec.name, ...(spec.aliases ?? [])]) {
      const w = word.toLowerCase();
      if (this.byWord.has(w)) throw new Error(`command word ${word} registered twice`);
      this.byWord.set(w, spec);
    }
    this.specs.push(spec);
    return this;
  }

  find(word: string): CommandSpec | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  /** Registered commands in registration order (for /帮助). */
  list(): readonly CommandSpec[] {
    return this.specs;
  }
}
