import { spawn } from 'node:child_process';

/**
 * Runs `work` in a child process that leads its own process group. Ctrl-C signals the whole foreground
 * group, which would stop the servers and workers a script started under its feet in no order; the child
 * gets the signal from this parent instead, and stops everything in order. `envKey` marks the child.
 */
export async function runAsGroupLeader(envKey: string, work: () => Promise<void>): Promise<void> {
  if (process.env[envKey]) return work();
  const leader = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [envKey]: '1' },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => leader.kill(sig));
  leader.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
