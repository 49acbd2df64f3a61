// The child process a sweep worker trains one job in (fork-job.ts forks it): the job comes as
// the first argument, the summaries go back over IPC. A crash, an out-of-memory or a kill -9
// stays inside this process and the runs it trains.
import { UsageError } from '../errors.js';
import type { ChildReply } from './fork-job.js';
import { type Job, trainJob } from './job.js';

// The parent gone (a killed sweep or worker): leave at once, as a second Ctrl-C would, between
// two steps. The run resumes from its last checkpoint and its log stays that of an uninterrupted
// run, which an interrupting checkpoint would not: it adds a line. (A parent gone before this
// module ran left no event to hear: hence the first look.)
process.once('disconnect', () => process.exit(130));
if (!process.connected) process.exit(130);

function reply(message: ChildReply): void {
  process.send!(message, () => process.exit('code' in message ? message.code : 0));
}

try {
  reply({ summaries: await trainJob(JSON.parse(process.argv[2]) as Job) });
} catch (error) {
  // Exit code 2, as the CLI's for bad input: the parent tells a refusal to start (the run
  // locked or claimed by another process) from a failure.
  reply({ error: error instanceof Error ? error.message : String(error), code: error instanceof UsageError ? 2 : 1 });
}
