// Filter forms: leave empty fields out of the address, so a shared link holds only
// the filters that are set (and the API, which rejects an empty filter, gets the same).
(function () {
  "use strict";
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const field of form.elements) {
        if (field.name && field.value === "") field.disabled = true;
      }
      // Re-enable after the navigation starts, for a page restored from the back cache.
      setTimeout(() => { for (const field of form.elements) field.disabled = false; }, 0);
    });
  }
})();
