import pino from 'pino';

/** Bytes gathered before a write, and the longest a line waits for company. */
const LOG_BUFFER_BYTES = 8 * 1024;
const LOG_FLUSH_MS = 250;

/**
 * Where request logs go: stdout, buffered. pino's default writes each line with a synchronous
 * write(2) on the request's path, and even unbuffered asynchronous writes stayed one syscall per
 * request — a fifth of the server's CPU under load in bench/intake (docs/benchmarks.md). Lines are
 * gathered up to 8 KB and written together, and at least every 250 ms so a quiet server's lines
 * still show at once. The cost: up to that much log is lost if the process is killed with SIGKILL
 * (a normal exit, even on an uncaught error, flushes it).
 */
export function logDestination(): pino.DestinationStream {
  const dest = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  const timer = setInterval(() => {
    try {
      dest.flush();
    } catch {
      // not ready yet (opening) or already closed: the next tick or exit handles it
    }
  }, LOG_FLUSH_MS);
  timer.unref();
  dest.on('close', () => clearInterval(timer));
  return dest;
}
