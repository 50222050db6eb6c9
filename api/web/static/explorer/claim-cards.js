// A report's page: show a claim's card beside its highlighted phrase on hover or focus.
// Without this script each phrase still links to its row in the claims table, and
// screen readers read the card as the phrase's description (aria-describedby).
(function () {
  "use strict";
  const text = document.getElementById("report-text");
  if (!text) return;
  const tip = document.createElement("div");
  tip.className = "claim-tip";
  tip.setAttribute("role", "tooltip");
  tip.id = "claim-tip";
  tip.hidden = true;
  document.body.appendChild(tip);
  let current = null;

  function show(span) {
    const card = document.getElementById("card-" + span.dataset.claimId);
    if (!card) return;
    tip.replaceChildren(...Array.from(card.childNodes, (n) => n.cloneNode(true)));
    tip.hidden = false;
    const box = span.getBoundingClientRect();
    const width = Math.min(360, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.width = width + "px";
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    current = span;
  }

  function hide() {
    tip.hidden = true;
    current = null;
  }

  text.addEventListener("mouseover", (e) => {
    const span = e.target.closest(".claim-span");
    if (span) show(span);
  });
  text.addEventListener("mouseout", (e) => {
    if (e.target.closest(".claim-span") && !tip.matches(":hover")) hide();
  });
  text.addEventListener("focusin", (e) => {
    const span = e.target.closest(".claim-span");
    if (span) show(span);
  });
  text.addEventListener("focusout", hide);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && current) hide();
  });
})();
