// The review desk's forms: the place field of the edit form suggests the gazetteer's places in the event's country
// (GET /api/places); the queue's "select all" box ticks every event's box.
(function () {
  const form = document.querySelector("form.review-edit");
  const place = document.getElementById("f-location");
  const list = document.getElementById("places");
  if (form && place && list) {
    let timer = null;
    place.addEventListener("input", function () {
      clearTimeout(timer);
      const name = place.value.split(",")[0].trim();
      const country = (form.querySelector("[name=country]") || {}).value || form.dataset.country;
      if (name.length < 2 || !country) return;
      timer = setTimeout(function () {
        fetch("/api/places?" + new URLSearchParams({name: name, country: country}), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : {places: []}; })
          .then(function (data) {
            list.replaceChildren();
            for (const p of data.places) {
              const o = document.createElement("option");
              o.value = p.value;
              o.textContent = p.kind + " · " + [p.admin2, p.admin1].filter(Boolean).join(", ");
              list.appendChild(o);
            }
          });
      }, 200);
    });
  }
  const all = document.getElementById("all");
  if (all) {
    all.addEventListener("change", function () {
      for (const box of document.querySelectorAll("form.bulk input[name=id]")) box.checked = all.checked;
    });
  }
})();
