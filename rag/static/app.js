() => {
  // Marker links [n] in chat bubbles jump to their source card; opening a card's full article
  // scrolls it to the cited paragraph. Delegated on document because Gradio re-renders nodes.
  const reveal = (id) => {
    const el = document.getElementById(id);
    if (!el) return;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    el.scrollIntoView({ behavior: "smooth", block: "start" });
    el.classList.remove("rag-flash");
    void el.offsetWidth;
    el.classList.add("rag-flash");
    setTimeout(() => el.classList.remove("rag-flash"), 1600);
  };
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest ? ev.target.closest('a[href^="#src-"], a[href^="#rel-"]') : null;
    if (!a) return;
    ev.preventDefault();
    ev.stopPropagation();
    reveal(a.getAttribute("href").slice(1));
  }, true);
  document.addEventListener("toggle", (ev) => {
    const d = ev.target;
    if (!d.classList || !d.classList.contains("rag-full") || !d.open) return;
    const box = d.querySelector(".rag-article");
    const hit = d.querySelector(".rag-hit");
    if (box && hit) box.scrollTop = Math.max(0, hit.offsetTop - 24);
  }, true);
}
