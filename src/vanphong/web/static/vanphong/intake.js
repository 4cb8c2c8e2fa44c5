/* vanphong: the clerk's intake and review pages. No framework; the pages work without it.
 *
 * Intake: files can be dropped on the form as well as chosen; the chosen files are listed
 * with a radio button to say which is the document itself (the first by default) and a
 * button to remove one; empty or oversized files are named before anything is sent. Without
 * this script the file input and the "main document: file number" field do the same job.
 *
 * Review: "Use it" next to a value read from the document puts that value into the field.
 */
(function () {
  "use strict";

  function formatSize(bytes) {
    if (bytes >= 1024 * 1024) return (bytes / (1024 * 1024)).toFixed(1) + " MB";
    if (bytes >= 1024) return Math.round(bytes / 1024) + " kB";
    return bytes + " B";
  }

  function setupIntake(form) {
    var input = form.querySelector("input[type=file][name=uploads]");
    var zone = form.querySelector(".dropzone");
    var chosen = form.querySelector(".chosen-files");
    var list = chosen.querySelector("ul");
    var problems = form.querySelector(".file-problems");
    var numberField = form.querySelector(".main-number");
    var template = document.getElementById("chosen-file-template");
    var maxBytes = parseInt(form.dataset.maxBytes, 10);
    var maxFiles = parseInt(form.dataset.maxFiles, 10);
    var files = [];
    var main = 0;
    var canAssign = typeof DataTransfer === "function";

    // The radio buttons replace the number field; disabled, it is not sent.
    numberField.hidden = true;
    numberField.querySelector("input").disabled = true;

    function syncInput() {
      if (!canAssign) return;
      var transfer = new DataTransfer();
      files.forEach(function (file) { transfer.items.add(file); });
      input.files = transfer.files;
    }

    function check() {
      var messages = [];
      files.forEach(function (file) {
        if (file.size === 0) messages.push(form.dataset.msgEmpty.replace("{file}", file.name));
        else if (file.size > maxBytes) {
          messages.push(form.dataset.msgTooLarge.replace("{file}", file.name));
        }
      });
      if (files.length > maxFiles) messages.push(form.dataset.msgTooMany);
      problems.textContent = "";
      messages.forEach(function (text) {
        var line = document.createElement("span");
        line.textContent = text;
        problems.appendChild(line);
        problems.appendChild(document.createElement("br"));
      });
      problems.hidden = messages.length === 0;
      return messages.length === 0;
    }

    function render() {
      list.textContent = "";
      if (main >= files.length) main = 0;
      files.forEach(function (file, index) {
        var item = template.content.firstElementChild.cloneNode(true);
        var radio = item.querySelector("input[type=radio]");
        radio.value = String(index + 1);
        radio.checked = index === main;
        radio.addEventListener("change", function () { main = index; });
        item.querySelectorAll(".file-name").forEach(function (el) { el.textContent = file.name; });
        item.querySelector(".file-size").textContent = formatSize(file.size);
        item.querySelector(".remove-file").addEventListener("click", function () {
          files.splice(index, 1);
          if (main === index) main = 0;
          else if (main > index) main -= 1;
          syncInput();
          render();
          input.focus();
        });
        list.appendChild(item);
      });
      chosen.hidden = files.length === 0;
      check();
    }

    input.addEventListener("change", function () {
      files = Array.prototype.slice.call(input.files);
      main = 0;
      render();
    });

    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "dragend"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
      var dropped = Array.prototype.slice.call(event.dataTransfer.files || []);
      if (!dropped.length) return;
      files = canAssign ? files.concat(dropped) : dropped;
      if (canAssign) syncInput();
      else input.files = event.dataTransfer.files;
      render();
    });
    // A file dropped beside the zone would make the browser leave the page for it.
    window.addEventListener("dragover", function (event) { event.preventDefault(); });
    window.addEventListener("drop", function (event) { event.preventDefault(); });

    form.addEventListener("submit", function (event) {
      if (!check()) {
        event.preventDefault();
        problems.focus();
      }
    });
    problems.tabIndex = -1;
  }

  function revealHintButtons(root) {
    root.querySelectorAll(".use-hint[hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".use-hint") : null;
    if (!button) return;
    event.preventDefault();
    var field = document.getElementById(button.dataset.target);
    if (!field) return;
    field.value = button.dataset.value;
    field.dispatchEvent(new Event("change", { bubbles: true }));
    field.focus();
  });

  function start() {
    document.querySelectorAll(".intake-form").forEach(setupIntake);
    revealHintButtons(document);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // The review form is redrawn by htmx once the text has been read.
  document.addEventListener("htmx:afterSettle", function (event) { revealHintButtons(event.target); });
})();
