/* The editor pages: nothing typed is lost.
 *
 * 1. After htmx saved one form and swapped in only its part of the page, the
 *    other forms on the page get the item's new version (data-item-version),
 *    so saving them next is not refused as someone else's change.
 * 2. A form with unsaved changes marks itself; leaving the page then asks first
 *    (the browser's own "Leave site?" dialog). Saving clears the mark.
 *
 * A static file (no inline script: the Content-Security-Policy forbids it).
 * Without JavaScript every form still works; only these two helps are missing.
 */
(function () {
  "use strict";

  var dirty = new Set();

  function isField(element) {
    return element && element.form && element.type !== "hidden" && element.name;
  }

  function markDirty(event) {
    if (isField(event.target) && event.target.form.method.toLowerCase() === "post") {
      dirty.add(event.target.form);
      event.target.form.classList.add("has-unsaved-changes");
    }
  }

  function markClean(form) {
    dirty.delete(form);
    if (form.classList) {
      form.classList.remove("has-unsaved-changes");
    }
  }

  document.addEventListener("input", markDirty);
  document.addEventListener("change", markDirty);

  // A plain submit leaves the page on purpose: that form's changes are being saved.
  document.addEventListener("submit", function (event) {
    markClean(event.target);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && event.detail.successful) {
      markClean(form);
    }
  });

  // Forms replaced by a swap are gone: forget them.
  document.addEventListener("htmx:afterSwap", function () {
    dirty.forEach(function (form) {
      if (!document.body.contains(form)) {
        dirty.delete(form);
      }
    });
    var newest = -1;
    document.querySelectorAll("[data-item-version]").forEach(function (part) {
      newest = Math.max(newest, parseInt(part.getAttribute("data-item-version"), 10));
    });
    if (newest < 0) {
      return;
    }
    document.querySelectorAll("[data-item-version]").forEach(function (part) {
      part.setAttribute("data-item-version", String(newest));
    });
    var editor = document.getElementById("punkt-editor");
    if (!editor) {
      return;
    }
    editor.querySelectorAll('input[type="hidden"]').forEach(function (input) {
      if (input.name === "version" || /-version$/.test(input.name)) {
        input.value = String(newest);
      }
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size > 0) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
