// The places map: draw country outlines (Natural Earth, from the installed world-atlas
// package) under the markers, in the same plain projection the server used for them:
// x = longitude × k, y = −latitude, with k the cosine of the map's middle latitude.
(function () {
  "use strict";
  const svg = document.getElementById("map");
  if (!svg || !svg.dataset.outline || !window.topojson) return;
  const k = Number(svg.dataset.k);
  const outline = svg.querySelector(".outline");
  const NS = "http://www.w3.org/2000/svg";

  function ring(points) {
    return "M" + points.map(([lon, lat]) => (lon * k).toFixed(3) + " " + (-lat).toFixed(3))
      .join("L") + "Z";
  }

  function pathOf(geometry) {
    if (!geometry) return "";
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
      : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    return polygons.map((rings) => rings.map(ring).join("")).join("");
  }

  fetch(svg.dataset.outline)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
    .then((world) => {
      const countries = window.topojson.feature(world, world.objects.countries);
      const fragment = document.createDocumentFragment();
      for (const country of countries.features) {
        const path = document.createElementNS(NS, "path");
        path.setAttribute("d", pathOf(country.geometry));
        path.setAttribute("vector-effect", "non-scaling-stroke");
        fragment.appendChild(path);
      }
      outline.appendChild(fragment);
      svg.classList.add("has-outline");
    })
    .catch(() => svg.classList.add("no-outline"));
})();
