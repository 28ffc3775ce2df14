// The mother's passkey: add one on Sharing, restore her profile with it on /restore. The server
// keeps each ceremony; this module hands its options to the browser and the answer back. Without
// WebAuthn the sections keep their plain "not on this browser" sentence and the button stays hidden;
// her recovery code always works.

const supported = typeof window.PublicKeyCredential === "function"
  && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function"
  && typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

class Refused extends Error {
  constructor(status, detail) {
    super(`${status} ${detail}`);
    this.status = status;
    this.detail = detail;
  }
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Refused(response.status, problem.detail || "");
  }
  return response.status === 204 ? null : response.json();
}

function say(section, error) {
  const out = section.querySelector("[data-passkey-message]");
  if (!out) return;
  // A rate limit's message is already in her language; anything else gets the calm general one.
  out.textContent = error instanceof Refused && error.status === 429 && error.detail
    ? error.detail
    : section.dataset.failed;
  out.hidden = false;
}

function ready(section) {
  if (!supported) return null;
  section.querySelector("[data-passkey-unsupported]").hidden = true;
  const button = section.querySelector("button[type=button]");
  button.hidden = false;
  return button;
}

for (const section of document.querySelectorAll("[data-mother-passkey-add]")) {
  ready(section)?.addEventListener("click", async () => {
    try {
      const start = await post("/api/passkeys/register/start", {});
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(start.options.publicKey);
      const credential = await navigator.credentials.create({ publicKey });
      await post("/api/passkeys/register/finish", { ceremony: start.ceremony, credential: credential.toJSON() });
      window.location.reload();
    } catch (error) {
      console.warn("passkey:", error && error.message);
      say(section, error);
    }
  });
}

for (const section of document.querySelectorAll("[data-mother-passkey-restore]")) {
  ready(section)?.addEventListener("click", async () => {
    try {
      const start = await post("/restore/passkey/start", {});
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(start.options.publicKey);
      const credential = await navigator.credentials.get({ publicKey });
      const done = await post("/restore/passkey/finish", { ceremony: start.ceremony, credential: credential.toJSON() });
      window.location.assign(done.redirect);
    } catch (error) {
      console.warn("passkey:", error && error.message);
      say(section, error);
    }
  });
}
