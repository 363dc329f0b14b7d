// Progressive enhancement of the upload form (without it the form posts as a plain HTML form): check the
// file before sending it, accept a dropped file, post with fetch() while an aria-live status says what is
// happening, then show the report in place of the form, or the server's error above it.
"use strict";
(() => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = document.getElementById("file");
  const zone = document.getElementById("drop-zone");
  const button = document.getElementById("submit");
  const status = document.getElementById("status");
  const progress = document.getElementById("progress");
  const elapsed = document.getElementById("elapsed");
  const summary = document.getElementById("error-summary");
  const message = document.getElementById("error-message");
  const title = document.title.replace(/^Error: /, "");
  const maxBytes = Number(form.dataset.maxBytes);
  let timer = 0;

  form.noValidate = true;

  const showError = (text, field) => {
    message.textContent = text;
    summary.hidden = false;
    document.title = "Error: " + title;
    (field || summary).focus();
  };

  const setBusy = (text) => {
    const busy = Boolean(text);
    button.disabled = busy;
    form.setAttribute("aria-busy", String(busy));
    progress.hidden = !busy;
    status.textContent = text;
    clearInterval(timer);
    if (busy) {
      const start = Date.now();
      elapsed.textContent = "0:00";
      timer = setInterval(() => {
        const seconds = Math.floor((Date.now() - start) / 1000);
        elapsed.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
      }, 1000);
    }
  };

  // Dropping is a shortcut for the file picker, never the only way (WCAG 2.5.7).
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("is-dragover");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("is-dragover"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("is-dragover");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      status.textContent = `Selected ${input.files[0].name}.`;
    }
  });
  // A file dropped beside the zone would otherwise replace the page with the document itself.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = form.elements.namedItem("token");
    const file = input.files[0];
    if (token && !token.value.trim()) return showError("Enter the access token.", token);
    if (!file) return showError("Choose a document to check.", input);
    if (file.size === 0) return showError(`${file.name} is empty (0 bytes). Choose another file.`, input);
    if (file.size > maxBytes) {
      return showError(`${file.name} is larger than ${form.dataset.maxLabel}. Split it, or ask whoever runs TenderLens to raise the limit.`, input);
    }
    summary.hidden = true;
    document.title = title;
    setBusy(`Reading ${file.name}… this can take a minute for scanned documents.`);
    let response;
    let page;
    try {
      response = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "text/html" } });
      page = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch (error) {
      setBusy("");
      return showError("The document did not reach the server. Check your connection and try again.");
    }
    setBusy("");
    if (response.ok) return swap(page, "main");
    // The token was remembered but has changed on the server: the answer is a form that asks for it again.
    if (page.getElementById("token") && !form.elements.namedItem("token")) return swap(page, "error-summary");
    const reason = page.getElementById("error-message");
    const text = reason && reason.textContent.trim();
    showError(text || `The server answered ${response.status}.`);
  });

  // Show the server's page in place of this one, and move focus as a page load would, so that screen
  // readers start reading it. Back returns to a fresh form rather than to nothing.
  const swap = (page, focusId) => {
    history.pushState(null, "", location.href);
    window.addEventListener("popstate", () => location.reload());
    document.replaceChild(document.adoptNode(page.documentElement), document.documentElement);
    const target = document.getElementById(focusId);
    if (target) target.focus();
  };
})();
