// Starts the real `hangmat` binary on a free port with a fresh data directory, and stops it.
import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHORT_PROGRAMME = path.join(REPO_ROOT, "e2e", "programme-short.toml");
/** The same programme at a fifth of its pace (counts of 0.5 s), for acting while a session runs. */
export const SLOW_PROGRAMME = path.join(REPO_ROOT, "e2e", "programme-slow.toml");

function binaryPath() {
  const bin = process.env.HANGMAT_BIN || "target/debug/hangmat";
  return path.isAbsolute(bin) ? bin : path.join(REPO_ROOT, bin);
}

const run = promisify(execFile);

/**
 * With HANGMAT_E2E_DATABASE_URL (a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres)
 * every server gets a fresh database there, made with psql and dropped when the server stops;
 * without it, the embedded SQLite default under the temporary data directory.
 */
async function freshPostgres() {
  const base = process.env.HANGMAT_E2E_DATABASE_URL;
  if (!base) return null;
  const name = `hangmat_e2e_${randomUUID().replaceAll("-", "")}`;
  await run("psql", [base, "-v", "ON_ERROR_STOP=1", "-qc", `CREATE DATABASE ${name}`]);
  const parsed = new URL(base);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  return {
    url,
    drop: () => run("psql", [base, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]).catch(() => {}),
  };
}

/**
 * Starts `hangmat serve --listen 127.0.0.1:0 --data <temp> --programme e2e/programme-short.toml`
 * and resolves once it printed `hangmat listening on http://127.0.0.1:PORT`.
 * Returns { url, dataDir, postgres (its database URL, or null for SQLite), log(), stop() }.
 */
export async function startServer({ programme = SHORT_PROGRAMME, extraArgs = [] } = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "hangmat-e2e-"));
  const postgres = await freshPostgres();
  const database = postgres ? ["--database", postgres.url] : [];
  const args = ["serve", "--listen", "127.0.0.1:0", "--data", dataDir, "--programme", programme, ...database, ...extraArgs];
  const child = spawn(binaryPath(), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG || "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = [];
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => output.push(chunk));
  child.stdout.setEncoding("utf8");

  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`hangmat did not start within 30 s:\n${output.join("")}`)), 30_000);
    child.once("error", (error) => { clearTimeout(timer); reject(error); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`hangmat exited (code ${code}, signal ${signal}) before listening:\n${output.join("")}`));
    });
    child.stdout.on("data", (chunk) => {
      output.push(chunk);
      buffered += chunk;
      const match = buffered.match(/hangmat listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
  });

  return {
    url,
    dataDir,
    databaseUrl: postgres ? postgres.url : null,
    log: () => output.join(""),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(dataDir, { recursive: true, force: true });
      if (postgres) await postgres.drop();
    },
  };
}

/**
 * Runs `hangmat create-admin` against a running server's database; resolves to the TOTP secret it
 * printed (base32).
 */
export async function createAdmin(server, { username = "admin", name = "Ann Admin", password }) {
  const database = server.databaseUrl ? ["--database", server.databaseUrl] : [];
  const { stdout } = await run(
    binaryPath(),
    ["create-admin", "--username", username, "--name", name, "--data", server.dataDir, ...database],
    { cwd: REPO_ROOT, env: { ...process.env, HANGMAT_ADMIN_PASSWORD: password } },
  );
  const match = stdout.match(/TOTP secret[^:]*: ([A-Z2-7]+)/);
  if (!match) throw new Error(`create-admin printed no secret:\n${stdout}`);
  return match[1];
}
