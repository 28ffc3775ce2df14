// The app's own texts, read from locales/<lang>/*.ftl at test time, so assertions follow the
// translation files instead of copies of them.
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./server.js";

const bundles = new Map();

function bundle(lang) {
  if (!bundles.has(lang)) {
    // E2E_LOCALES_DIR: the texts of another build (default: this checkout's locales/).
    const dir = process.env.E2E_LOCALES_DIR || path.join(REPO_ROOT, "locales");
    // Every .ftl file of the language's folder, as the server loads them.
    const b = new FluentBundle(lang, { useIsolating: false });
    for (const name of readdirSync(path.join(dir, lang)).filter((n) => n.endsWith(".ftl")).sort()) {
      const file = path.join(dir, lang, name);
      const errors = b.addResource(new FluentResource(readFileSync(file, "utf8")));
      if (errors.length) throw new Error(`${file}: ${errors.map(String).join("; ")}`);
    }
    bundles.set(lang, b);
  }
  return bundles.get(lang);
}

/** A message in a language, formatted like the server formats it (no isolation marks). */
export function tr(lang, id, args = {}) {
  const b = bundle(lang);
  const message = b.getMessage(id);
  if (!message || !message.value) throw new Error(`locales/${lang}/*.ftl has no message ${id}`);
  const errors = [];
  const text = b.formatPattern(message.value, args, errors);
  if (errors.length) throw new Error(`${lang} ${id}: ${errors.map(String).join("; ")}`);
  return text;
}

/** Dutch, the default language. */
export const nl = (id, args) => tr("nl", id, args);
export const fr = (id, args) => tr("fr", id, args);

/** "25 november": the server's date label for a civil date "YYYY-MM-DD". */
export function dateLabel(lang, isoDate) {
  const [, month, day] = isoDate.split("-").map(Number);
  return tr(lang, "date-day-month", { day, month: tr(lang, `month-${month}`) });
}
