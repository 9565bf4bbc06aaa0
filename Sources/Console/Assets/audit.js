// Corridor console, audit page: checks an entry's inclusion proof in this browser, from the
// public endpoints, without trusting the page: RFC 6962 hashing, RFC 9162 §2.1.3.2 verification.
"use strict";
(() => {
  const box = document.getElementById("browser-proof");
  const out = document.getElementById("proof-result");
  if (!box || !out) return;

  // Writes one of the box's data-text-* messages, with {seq}, {size} and {error} filled in.
  const say = (key, values = {}) => {
    let text = box.dataset[key] || "";
    for (const [name, value] of Object.entries(values)) text = text.split("{" + name + "}").join(String(value));
    out.textContent = text;
  };

  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

  const sha256 = async (...parts) => {
    const joined = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) { joined.set(part, offset); offset += part.length; }
    return new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
  };
  const leafHash = (entry) => sha256(Uint8Array.of(0), entry);
  const nodeHash = (left, right) => sha256(Uint8Array.of(1), left, right);

  // The root implied by the audit path of leaf `index` in a tree of `size` leaves, or null.
  async function rootFromPath(index, size, leaf, path) {
    if (index < 0 || index >= size) return null;
    let fn = index, sn = size - 1, r = leaf;
    const half = (n) => Math.floor(n / 2);
    for (const p of path) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        r = await nodeHash(p, r);
        while (fn % 2 === 0 && fn !== 0) { fn = half(fn); sn = half(sn); }
      } else {
        r = await nodeHash(r, p);
      }
      fn = half(fn); sn = half(sn);
    }
    return sn === 0 ? r : null;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return response.json();
  }

  async function check() {
    const seq = Number(box.dataset.seq), index = seq - 1;
    if (box.dataset.hash !== "sha256") { say("textUnsupported"); return; }
    if (!window.crypto || !crypto.subtle) throw new Error("Web Crypto is not available (HTTPS needed)");
    say("textChecking");
    const checkpoint = await getJSON("/v1/audit/checkpoint");
    const size = checkpoint.treeSize;
    if (index >= size) { say("textNotCovered", { size }); return; }
    const proof = await getJSON(`/v1/audit/proof/inclusion?index=${index}&size=${size}`);
    const leaf = await leafHash(fromBase64(box.dataset.entry));
    const root = await rootFromPath(index, size, leaf, proof.hashes.map(fromBase64));
    const verified = root !== null && hex(root) === hex(fromBase64(checkpoint.rootHash));
    out.dataset.result = verified ? "verified" : "not-verified";
    out.className = verified ? "ok" : "error";
    say(verified ? "textVerified" : "textNotVerified", { seq, size });
  }

  check().catch((error) => say("textFailed", { error: error.message }));
})();
