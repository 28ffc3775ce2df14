// Passkeys on the portal: sign in with one, or add one (with the name she gives it) to the
// signed-in account. The server keeps
// the ceremony; this module only hands its options to the browser and the answer back. Without
// WebAuthn support the sections stay hidden and password + code remain.

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const error = new Error(`${url} ${response.status} ${problem.detail || ""}`);
    // A refusal meant for her eyes (a disabled account) carries its own words.
    if (problem.type && problem.type.endsWith("account-disabled")) error.shown = problem.detail;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

const supported = typeof window.PublicKeyCredential === "function"
  && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function";

function show(section, message) {
  const out = section.querySelector("[data-passkey-message]");
  if (out) { out.textContent = message; out.hidden = false; }
}

for (const section of document.querySelectorAll("[data-passkey-login]")) {
  if (!supported) continue;
  section.hidden = false;
  section.querySelector("button").addEventListener("click", async () => {
    const username = document.getElementById("username")?.value || "";
    try {
      const start = await post("/portal/passkey/start", { username });
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(start.options.publicKey);
      const credential = await navigator.credentials.get({ publicKey });
      const done = await post("/portal/passkey/finish", { ceremony: start.ceremony, credential: credential.toJSON() });
      window.location.assign(done.redirect);
    } catch (error) {
      console.warn("passkey:", error && error.message);
      show(section, (error && error.shown) || section.dataset.failed);
    }
  });
}

for (const section of document.querySelectorAll("[data-passkey-register]")) {
  if (!supported) continue;
  section.hidden = false;
  section.querySelector("button").addEventListener("click", async () => {
    try {
      const name = section.querySelector("#passkey-name")?.value || "";
      const start = await post("/portal/api/passkeys/register/start", {});
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(start.options.publicKey);
      const credential = await navigator.credentials.create({ publicKey });
      await post("/portal/api/passkeys/register/finish", { ceremony: start.ceremony, credential: credential.toJSON(), name });
      // The list on the page shows it, with its name.
      window.location.assign("/portal/account?done=passkey-added");
    } catch (error) {
      console.warn("passkey:", error && error.message);
      show(section, section.dataset.failed);
    }
  });
}
