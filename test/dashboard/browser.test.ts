/**
 * The dashboard in a real headless Chromium (Debian's, driven by playwright-core; no browser
 * download). Simulated nodes: log in, first useful paint with 1000 pods, a pod made with
 * kubectl appearing, scaling a deployment, an invalid YAML edit refused in place, deleting a
 * pod and seeing its replacement, the overview screenshot. A real node (root only): following
 * a pod's log, `echo` in its shell, the pod detail screenshot.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { ensurePKI } from '../../src/apiserver/pki/index.ts';
import { inProcessTransport } from '../../src/apiserver/rest/in-process.ts';
import { createClient } from '../../src/client/client.ts';
import { NAMESPACES, PODS } from '../../src/client/resources.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/server/server.ts';
import { buildDashboard } from '../../scripts/build-dashboard.ts';
import { nodeMissing, uniqueClusterCIDR, eventually } from '../e2e/node-env.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Screenshots go to docs/ only when asked (K8TS_SCREENSHOTS=1), so a test run leaves the work tree clean.
const DOCS = process.env.K8TS_SCREENSHOTS ? join(ROOT, 'docs') : mkdtempSync(join(tmpdir(), 'k8ts-shots-'));
const BULK = 1000;
const browserMissing = existsSync(CHROMIUM) ? undefined : 'Debian chromium is needed (apt-get install chromium)';

let browser: Browser | undefined;
async function launch(): Promise<Browser> {
  if (browser) return browser;
  await buildDashboard(ROOT);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  return browser;
}
after(async () => {
  await browser?.close();
  // Screenshots kept only when asked for (K8TS_SCREENSHOTS writes them into docs/).
  if (!process.env.K8TS_SCREENSHOTS) rmSync(DOCS, { recursive: true, force: true });
});

async function dashboardFor(c: TestCluster): Promise<RunningDashboard> {
  const pki = await ensurePKI(c.dataDir);
  return startDashboard({ api: { server: c.url, ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem }, port: 0 });
}

async function newPage(b: Browser): Promise<Page> {
  const page = await b.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('dialog', (d) => void d.accept());
  return page;
}

describe('dashboard in Chromium (simulated nodes)', { skip: browserMissing }, () => {
  let c: TestCluster;
  let d: RunningDashboard;
  let page: Page;
  const k = async (args: string[]) => {
    const r = await c.kubectl('1.33', args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    [c] = await Promise.all([startTestCluster({ cluster: { simulatedNodes: 12, simStartDelayMs: 0 } }), launch()]);
    d = await dashboardFor(c);
    // 1000 pods, written in-process (the fast way in), in a namespace of their own.
    const client = createClient(inProcessTransport(c.server.api));
    await client.resource(NAMESPACES).create({ metadata: { name: 'bulk' } });
    const pods = client.resource<Pod>(PODS).namespace('bulk');
    for (let i = 0; i < BULK; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => pods.create({ metadata: { name: `bulk-${String(i + j).padStart(4, '0')}`, labels: { app: 'bulk' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } })));
    }
    // Measured with the cluster at rest: every pod bound and Running on a simulated node.
    await eventually('1000 Running pods', async () => (await pods.list()).items.filter((p) => p.status?.phase === 'Running').length === BULK, 40_000);
    page = await newPage(browser!);
  });
  after(async () => { await page?.close(); await d?.close(); await c?.stop(); });

  it('shows a login box without the token, and logs in with the printed link; first useful paint ≤ 1 s with 1000 pods', async () => {
    await page.goto(d.url + '/');
    await page.getByLabel('token').waitFor();
    assert.equal(await page.locator('.app').count(), 0, 'nothing of the cluster before logging in');
    await page.goto(d.loginURL);
    await page.locator('[data-testid=pod-counts]').waitFor();
    // Cold loads (a fresh browser context each: no cache, the session cookie only), three times,
    // as the machine may be busy with other work: the best counts, all are printed.
    const cookies = await page.context().cookies();
    const overview: number[] = [];
    const list: number[] = [];
    let rendered = 0;
    for (let i = 0; i < 3; i++) {
      const ctx = await browser!.newContext({ viewport: { width: 1400, height: 860 } });
      await ctx.addCookies(cookies);
      const p = await ctx.newPage();
      await p.goto(d.url + '/#/');
      // (Page-side code as strings: this file is type-checked without the DOM library.)
      await p.waitForFunction(`Number(document.querySelector('[data-testid=pod-counts] .tile b')?.textContent) >= ${BULK}`, undefined, { polling: 'raf' });
      overview.push(Math.round(await p.evaluate<number>('performance.now()')));
      await p.evaluate(`location.hash = '#/pods'; location.reload()`);
      await p.waitForFunction(`Number((/of (\\d+)/.exec(document.querySelector('[data-testid=pod-total]')?.textContent ?? '') ?? [])[1]) >= ${BULK}
        && document.querySelectorAll('.vbody [role=row]').length > 0`, undefined, { polling: 'raf' });
      list.push(Math.round(await p.evaluate<number>('performance.now()')));
      rendered = await p.locator('.vbody [role=row]').count();
      await ctx.close();
    }
    const overviewMs = Math.min(...overview);
    const podsMs = Math.min(...list);
    console.log(`# first useful paint with ${BULK} pods (cold, 3 runs): overview ${overview.join('/')} ms, pod list ${list.join('/')} ms (${rendered} rows in the DOM)`);
    assert.ok(overviewMs <= 1000, `overview took ${overviewMs} ms`);
    assert.ok(podsMs <= 1000, `pod list took ${podsMs} ms`);
    assert.ok(rendered < 100, `the list is virtualised (${rendered} rows rendered)`);
  });

  it('shows a pod created with kubectl within a second, filtered by label selector', async () => {
    await page.goto(`${d.url}/#/pods`);
    await page.getByLabel('label selector').fill('run=watched');
    await k(['run', 'watched', '--image=busybox:1.36']);
    const t0 = Date.now();
    await page.locator('.vbody [role=row]', { hasText: 'watched' }).waitFor({ timeout: 5000 });
    const ms = Date.now() - t0;
    console.log(`# kubectl run → row in the page: ${ms} ms`);
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.equal(await page.locator('.vbody [role=row]').count(), 1);
  });

  it('scales a deployment and shows the new pods', async () => {
    await k(['create', 'deployment', 'web', '--image=busybox:1.36']);
    await page.goto(`${d.url}/#/deployments/default/web`);
    await page.locator('[data-testid=deploy-ready]', { hasText: '1/1' }).waitFor();
    await page.getByLabel('replicas').fill('3');
    await page.getByRole('button', { name: 'Scale' }).click();
    try {
      await page.locator('[data-testid=deploy-ready]', { hasText: '3/3' }).waitFor({ timeout: 15_000 });
    } catch (e) {
      await page.screenshot({ path: join(DOCS, 'dash-scale.png') });
      throw new Error(`${(e as Error).message}\n${await k(['get', 'deploy,rs,pods', '-l', 'app=web', '-o', 'wide'])}`);
    }
    const section = page.locator('section', { hasText: 'Pods' }).last();
    await eventually('3 Running pods in the page', async () => (await section.locator('[role=row]', { hasText: 'Running' }).count()) === 3, 15_000);
    assert.equal(JSON.parse(await k(['get', 'deployment', 'web', '-o', 'json'])).spec.replicas, 3);
  });

  it('refuses an invalid YAML edit with the API error marked on its line', async () => {
    // Edit a settled object: one the controllers still update would answer 409 (stale resourceVersion), not 422.
    await k(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    await page.goto(`${d.url}/#/deployments/default/web?tab=yaml`);
    const area = page.getByLabel('YAML');
    await area.waitFor();
    const text = await area.inputValue();
    assert.match(text, /^ {2}replicas: 3$/m);
    await area.fill(text.replace(/^ {2}replicas: 3$/m, '  replicas: -1'));
    await page.getByRole('button', { name: 'Save' }).click();
    const err = page.locator('[data-testid=yaml-error]');
    await err.waitFor();
    assert.match(await err.innerText(), /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
    const marked = page.locator('.code-back .marked');
    assert.equal(await marked.count(), 1);
    const line = Number(await marked.getAttribute('data-line'));
    assert.equal(text.split('\n')[line - 1], '  replicas: 3', 'the mark is on the replicas line');
    assert.equal(JSON.parse(await k(['get', 'deployment', 'web', '-o', 'json'])).spec.replicas, 3, 'nothing changed');
  });

  it('deletes a pod and shows its replacement; overview screenshot', async () => {
    await page.goto(`${d.url}/#/deployments/default/web`);
    const section = page.locator('section', { hasText: 'Pods' }).last();
    await eventually('3 pods', async () => (await section.locator('[role=row]', { hasText: 'web-' }).count()) === 3);
    const first = section.locator('[role=row]', { hasText: 'web-' }).first();
    const victim = (await first.locator('[role=cell]').first().innerText()).trim();
    await first.click();
    await page.locator('h1', { hasText: victim }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    // The page goes to the pod list once the DELETE is answered; going elsewhere before that
    // would be overridden by it (a race that a loaded machine lost now and then).
    await page.waitForURL((u) => u.hash === '#/pods');
    await page.goto(`${d.url}/#/deployments/default/web`);
    try {
      await eventually('a replacement pod', async () => {
        const names = (await section.locator('[role=row]', { hasText: 'Running' }).allInnerTexts()).map((t) => t.split(/\s/)[0]);
        return names.length === 3 && !names.includes(victim);
      }, 15_000);
    } catch (e) {
      // Say what the server and the page held, so a failure can be told apart from a slow page.
      const server = await k(['get', 'pods', '-l', 'app=web', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase,DELETING:.metadata.deletionTimestamp,RV:.metadata.resourceVersion']);
      const rows = await section.locator('[role=row]').allInnerTexts();
      throw new Error(`${(e as Error).message}\nvictim ${victim}\nserver:\n${server}\npage rows: ${JSON.stringify(rows)}`);
    }
    await page.goto(`${d.url}/#/`);
    await page.locator('.card', { hasText: 'Nodes' }).locator('[role=row]', { hasText: 'sim-' }).first().waitFor();
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'dashboard-overview.png') });
  });
});

describe('dashboard in Chromium (a real node: logs and shell)', { skip: browserMissing ?? nodeMissing() }, () => {
  let c: TestCluster;
  let d: RunningDashboard;
  let page: Page;
  before(async () => {
    [c] = await Promise.all([startTestCluster({ cluster: { node: { kubeletPort: 0 }, controllers: { clusterCIDR: uniqueClusterCIDR() } } }), launch()]);
    d = await dashboardFor(c);
    page = await newPage(browser!);
    await page.goto(d.loginURL);
  });
  after(async () => { await page?.close(); await d?.close(); await c?.stop(); });

  it('follows a pod\'s log, runs echo in its shell; pod detail screenshot', async () => {
    const r = await c.kubectl('1.33', ['run', 'ticker', '--image=busybox:1.36', '--', 'sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done']);
    assert.equal(r.code, 0, r.stderr);
    await page.goto(`${d.url}/#/pods/default/ticker`);
    const wait = await c.kubectl('1.33', ['wait', '--for=condition=Ready', 'pod/ticker', '--timeout=90s']);
    assert.equal(wait.code, 0, `${wait.stderr}\n${(await c.kubectl('1.33', ['describe', 'pod', 'ticker'])).stdout}`);
    await page.locator('h1 .badge', { hasText: 'Running' }).waitFor({ timeout: 10_000 });
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'dashboard-pod.png') });

    await page.getByRole('link', { name: 'Logs' }).click();
    const log = page.locator('[data-testid=log]');
    await log.filter({ hasText: 'tick 2' }).waitFor({ timeout: 20_000 });
    const seen = Number(/tick (\d+)\s*$/.exec(await log.innerText())![1]);
    // Following: lines written after the page opened the stream arrive on their own.
    await log.filter({ hasText: `tick ${seen + 5}` }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid=log-state]').innerText(), 'following…');

    await page.getByRole('link', { name: 'Shell' }).click();
    await page.locator('[data-testid=shell-state]', { hasText: 'connected' }).waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=terminal]').click();
    await page.keyboard.type('echo hello-$((6*7))\n');
    await page.locator('.xterm-rows', { hasText: 'hello-42' }).waitFor({ timeout: 10_000 });
    await page.keyboard.type('exit\n');
    await page.locator('[data-testid=shell-state]', { hasText: 'exited' }).waitFor({ timeout: 10_000 });
  });
});
