/**
 * Where the portal writes what an operator reads. Services receive a Logger; the web layer,
 * the server and the CLI share this one type.
 */
export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

/** Writes to stdout and stderr, never a request body: PINs and ID numbers cannot reach the log. */
export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, err) => console.error(message, err instanceof Error ? (err.stack ?? err.message) : ''),
};
