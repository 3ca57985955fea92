/**
 * Something the page asked for that the playground will not do (an unknown person, an empty
 * line, the clock moved backwards). `message` is Chinese and shown to the person as is;
 * anything else that goes wrong is logged and shown only as a friendly generic line.
 */
export class PlaygroundRefusal extends Error {
  override readonly name = 'PlaygroundRefusal';
}
