/* vanphong: the header's search box. No framework; without it the box is a plain form that
 * opens the results page.
 *
 * As one types (200 ms after the last key), the server's suggestions (an HTML fragment of
 * <li role="option"> rendered and escaped by Django) fill a listbox under the box: the first
 * eight matching documents and a link to all results, or one's saved searches while the box is
 * empty. Up/Down move through them, Enter opens the one chosen (or searches), Escape closes.
 */
(function () {
  "use strict";

  var DELAY = 200;

  function setup(form) {
    var box = form.querySelector("input[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    if (!box || !list) return;
    var url = form.dataset.suggestUrl;
    var timer = null;
    var pending = null;
    var active = -1;
    var lastAsked = null;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    }

    function close() {
      list.hidden = true;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!list.children.length) {
        close();
        return;
      }
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
    }

    function choose(index) {
      var items = options();
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        box.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        box.removeAttribute("aria-activedescendant");
      }
    }

    function fetchSuggestions() {
      var q = box.value.trim();
      if (q === lastAsked && list.children.length) {
        open();
        return;
      }
      lastAsked = q;
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
        signal: pending.signal,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          if (box.value.trim() !== q) return; // typed on meanwhile: a newer answer is coming
          // The fragment is the server's own template output, escaped by Django.
          list.innerHTML = html;
          active = -1;
          box.removeAttribute("aria-activedescendant");
          if (document.activeElement === box) open();
        })
        .catch(function () {
          /* offline or aborted: the box still works as a plain form */
        });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    }

    box.addEventListener("input", schedule);
    box.addEventListener("focus", schedule);
    box.addEventListener("keydown", function (event) {
      var items = options();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) {
          fetchSuggestions();
          open();
        }
        if (items.length) choose(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (items.length) choose(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && items[active] && items[active].dataset.href) {
          event.preventDefault();
          window.location.href = items[active].dataset.href;
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else {
          box.value = "";
        }
      }
    });
    list.addEventListener("mousedown", function (event) {
      // Keep the focus in the box so that blur does not close the list before the click.
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item && item.dataset.href) {
        event.preventDefault();
        window.location.href = item.dataset.href;
      }
    });
    box.addEventListener("blur", function () {
      setTimeout(close, 100);
    });
    form.addEventListener("submit", function (event) {
      if (!box.value.trim()) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.header-search[data-suggest-url]").forEach(setup);
  });
})();
