/* Services directory filter: by province and by kind of help. Offline, no libraries, no storage.
 *
 * Progressive enhancement: the filter form is shipped with `hidden`; without this script every list and
 * every province page works as plain HTML. The script only reads the page it is on (data-* attributes on
 * the cards and on the province list), so a phone never downloads the whole country to see one province.
 * Nothing is remembered between visits: someone else may look at this phone.
 */
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function hasWord(list, word) {
    return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0;
  }

  function counts(el) {
    var found = {};
    each((el.getAttribute("data-counts") || "").split(" "), function (pair) {
      var parts = pair.split(":");
      if (parts.length === 2) found[parts[0]] = parseInt(parts[1], 10);
    });
    return found;
  }

  function selected(form, name) {
    var select = form.querySelector('select[name="' + name + '"]');
    if (!select || !select.value) return { value: "", label: "" };
    return { value: select.value, label: select.options[select.selectedIndex].text };
  }

  // Cards of services (national and local): match the kind of help and, on a province page, the area.
  function filterCards(offer, area) {
    var shown = 0;
    var local = 0;
    each(document.querySelectorAll(".kie-service[data-offers]"), function (card) {
      var areas = card.getAttribute("data-areas");
      var ok = (!offer || hasWord(card.getAttribute("data-offers"), offer)) && (!area || !areas || hasWord(areas, area));
      card.hidden = !ok;
      if (ok && card.closest(".kie-group")) local += 1;
      if (ok) shown += 1;
    });
    each(document.querySelectorAll(".kie-group"), function (group) {
      group.hidden = !group.querySelector(".kie-service:not([hidden])");
    });
    return { shown: shown, local: local };
  }

  // The directory page's province list: counts only, no service details.
  function filterProvinces(form, province, offer) {
    var items = document.querySelectorAll(".kie-province");
    var shown = 0;
    each(items, function (item) {
      var count = offer.value ? counts(item)[offer.value] || 0 : parseInt(item.getAttribute("data-total"), 10);
      var ok = province ? item.getAttribute("data-province") === province : !offer.value || count > 0;
      item.hidden = !ok;
      if (ok) shown += 1;
      var note = item.querySelector(".kie-count");
      if (note.getAttribute("data-plain") === null) note.setAttribute("data-plain", note.textContent);
      note.textContent = offer.value
        ? count
          ? fill(form.getAttribute("data-count"), { count: count, offer: offer.label })
          : form.getAttribute("data-none")
        : note.getAttribute("data-plain");
      var link = item.querySelector("a");
      var href = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", offer.value ? href + "#bantuan=" + offer.value : href);
    });
    return { shown: shown, total: items.length };
  }

  function setup(form) {
    var status = form.querySelector(".kie-filter-status");
    var onDirectory = !!document.querySelector(".kie-province");

    function apply() {
      var offer = selected(form, "offer");
      var area = selected(form, "area").value;
      var cards = filterCards(offer.value, area);
      if (onDirectory) {
        var list = filterProvinces(form, selected(form, "province").value, offer);
        status.textContent = fill(form.getAttribute("data-shown"), list);
      } else if (!document.querySelector(".kie-group")) {
        status.textContent = ""; // the page already says no local service is listed
      } else if (cards.local === 0) {
        status.textContent = form.getAttribute("data-none");
      } else {
        var total = document.querySelectorAll(".kie-group .kie-service").length;
        status.textContent = fill(form.getAttribute("data-shown"), { shown: cards.local, total: total });
      }
    }

    // Arriving from the directory with a kind of help chosen: page.html#bantuan=safe-house
    var wanted = /^#bantuan=([a-z-]+)$/.exec(window.location.hash);
    var offerSelect = form.querySelector('select[name="offer"]');
    if (wanted && offerSelect && offerSelect.querySelector('option[value="' + wanted[1] + '"]')) {
      offerSelect.value = wanted[1];
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.hidden = false;
    if (offerSelect.value) apply();
  }

  each(document.querySelectorAll("form.kie-filter"), setup);
})();
