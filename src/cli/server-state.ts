// The files a running server leaves in its data dir (pid, endpoint, log) and the checks that
// make sure a pid really is our server before anyone signals it: pids are reused, and a stale
// pid file must never lead to killing an unrelated process.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { errnoCode } from './cli-error.ts';

export interface ServerInfo {
  pid: number;
  url: string;
  bindAddress: string;
  port: number;
  startedAt: string;
}

export const pidFile = (dataDir: string) => path.join(dataDir, 'server.pid');
export const infoFile = (dataDir: string) => path.join(dataDir, 'server.json');
export const logFile = (dataDir: string) => path.join(dataDir, 'server.log');

export async function readPid(dataDir: string): Promise<number | undefined> {
  const text = await readOptional(pidFile(dataDir));
  const pid = Number(text?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function readInfo(dataDir: string): Promise<ServerInfo | undefined> {
  const text = await readOptional(infoFile(dataDir));
  if (!text) return undefined;
  try {
    return JSON.parse(text) as ServerInfo;
  } catch {
    return undefined;
  }
}

/** True while `pid` exists and is not a zombie (a dead child nobody has reaped yet). */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (errnoCode(e) !== 'EPERM') return false;
  }
  const stat = await readOptional(`/proc/${pid}/stat`);
  // Field 3, after the parenthesised command name, is the state letter.
  return stat === undefined || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** True when `pid` runs our CLI's `server` command (its argv holds main.ts, or main.js of build/js/, and "server"). */
export async function isOurServer(pid: number): Promise<boolean> {
  const cmdline = await readOptional(`/proc/${pid}/cmdline`);
  if (!cmdline) return false;
  const args = cmdline.split('\0');
  return args.some((a) => path.basename(a) === 'main.ts' || path.basename(a) === 'main.js') && args.includes('server');
}

export type Running = { state: 'running'; pid: number; info?: ServerInfo } | { state: 'stale'; pid: number; why: string } | { state: 'stopped' };

/** What the pid file of `dataDir` says, checked against the live process table. */
export async function findServer(dataDir: string): Promise<Running> {
  const pid = await readPid(dataDir);
  if (pid === undefined) return { state: 'stopped' };
  if (!(await isAlive(pid))) return { state: 'stale', pid, why: 'no such process' };
  if (!(await isOurServer(pid))) return { state: 'stale', pid, why: 'that process is not a k8ts server' };
  const info = await readInfo(dataDir);
  return { state: 'running', pid, info: info?.pid === pid ? info : undefined };
}

/** Removes the pid and info files, but only when they still name `pid` (a newer server may own them). */
export async function clearServerFiles(dataDir: string, pid: number): Promise<void> {
  if ((await readPid(dataDir)) === pid) await fs.rm(pidFile(dataDir), { force: true });
  if ((await readInfo(dataDir))?.pid === pid) await fs.rm(infoFile(dataDir), { force: true });
}

export async function lastLines(file: string, n: number): Promise<string[]> {
  const text = (await readOptional(file)) ?? '';
  return text.trimEnd().split('\n').slice(-n);
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ESRCH') return undefined;
    throw e;
  }
}
