// The monitor's district map: the municipality's districts (GeoJSON from the page's JSON data block, which is not
// executed, so the strict CSP allows it) drawn with Leaflet, without background tiles (no third-party requests).
// Each district's tooltip shows the same figures as the table below the map; the map itself is aria-hidden.
(function () {
  "use strict";
  function draw() {
    var element = document.getElementById("sv-district-map");
    var source = document.getElementById("sv-district-data");
    if (!element || !source || !window.L) {
      return;
    }
    var data = JSON.parse(source.textContent);
    // The map is decoration next to its table (aria-hidden): nothing in it may take keyboard focus.
    var map = window.L.map(element, {
      attributionControl: true,
      keyboard: false,
      zoomControl: false,
      scrollWheelZoom: false,
      zoomSnap: 0.25,
    });
    element.removeAttribute("tabindex");
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("CBS, Kadaster");
    var layer = window.L.geoJSON(data.geometry, {
      style: function () {
        return { color: "#154273", weight: 1.5, fillColor: "#8fcae7", fillOpacity: 0.45 };
      },
      onEachFeature: function (feature, shape) {
        var code = feature.properties.statcode;
        var values = data.values[code] || [];
        var tip = document.createElement("div");
        var title = document.createElement("strong");
        title.textContent = feature.properties.statnaam + " (" + code + ")";
        tip.appendChild(title);
        data.indicators.forEach(function (name, index) {
          var line = document.createElement("div");
          line.textContent = name + ": " + (values[index] === undefined ? "" : values[index]);
          tip.appendChild(line);
        });
        shape.bindTooltip(tip, { sticky: true });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
