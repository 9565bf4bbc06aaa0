// Corridor console: small progressive enhancements only; every page works without script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the first field with an error, so keyboard and screen-reader users land on it.
  const invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) invalid.focus();
  // Confirm dangerous actions (buttons with data-confirm).
  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }
});
