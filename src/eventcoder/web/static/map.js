// The map: country outlines (bundled GeoJSON, no tile server) and the filtered events as points coloured by type.
// Everything shown in a popup is set as text, never as HTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var count = document.getElementById("map-count");
  var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 20], 2);
  map.attributionControl.setPrefix(false);
  var css = getComputedStyle(document.documentElement);

  function colour(type) {
    var slug = (type || "none").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "none";
    return css.getPropertyValue("--type-" + slug).trim() || css.getPropertyValue("--type-none").trim();
  }

  function popup(p) {
    var box = document.createElement("div");
    var a = document.createElement("a");
    a.href = "/events/" + encodeURIComponent(p.id);
    a.textContent = (p.event_type || "event") + (p.location ? " · " + p.location : "");
    var when = document.createElement("div");
    when.textContent = (p.day || "no date") + (p.fatalities ? " · " + p.fatalities + " dead" : "");
    box.appendChild(a); box.appendChild(when);
    return box;
  }

  fetch(el.getAttribute("data-outlines"), { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (geo) {
      L.geoJSON(geo, { style: { color: "#8aa0ae", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
      return fetch(el.getAttribute("data-points"), { credentials: "same-origin", headers: { "Accept": "application/json" } });
    })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.featureGroup();
      data.points.forEach(function (p) {
        L.circleMarker([p.latitude, p.longitude], {
          radius: 5 + Math.min(6, Math.log1p(p.fatalities || 0)), color: "#222", weight: 0.6,
          fillColor: colour(p.event_type), fillOpacity: 0.85
        }).bindPopup(popup(p)).addTo(layer);
      });
      layer.addTo(map);
      if (data.points.length) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 7 }); }
      count.textContent = data.total + " event(s) with coordinates" +
        (data.total > data.points.length ? ", the newest " + data.points.length + " shown" : "");
      el.setAttribute("data-loaded", String(data.points.length));
    })
    .catch(function (err) { count.textContent = "could not load the map's events: " + err; });
})();
