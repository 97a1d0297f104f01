import type { Page } from "@playwright/test";

/**
 * Controls that are clipped, overlapped or outside the window, and whether the page itself grew wider
 * than the window. A control is fine when it lies inside the viewport and inside every scrolling or
 * clipping ancestor, or when such an ancestor has scrolled it out of view entirely.
 */
export async function layoutProblems(page: Page, view: string): Promise<string[]> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > window.innerWidth) out.push(`page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
    const slack = 1;
    const describe = (el: Element) => {
      const name = el.getAttribute("aria-label") ?? (el as HTMLElement).innerText?.trim().slice(0, 40) ?? "";
      return `${el.tagName.toLowerCase()}${el.getAttribute("type") ? `[${el.getAttribute("type")}]` : ""} "${name || (el as HTMLInputElement).placeholder || ""}"`;
    };
    const controls = document.querySelectorAll("button, a[href], input, select, textarea, [role=checkbox], [role=tab]");
    for (const el of controls) {
      const html = el as HTMLElement;
      const style = getComputedStyle(html);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const r = html.getBoundingClientRect();
      // Screen-reader-only and zero-size controls are not drawn.
      if (r.width <= 2 || r.height <= 2) continue;
      if (html.closest("[aria-hidden=true], [inert], dialog:not([open])")) continue;
      let hiddenByScroll = false;
      let clippedBy: string | null = null;
      let partlyScrolledY = false;
      // The part of the control its scroll areas leave in view.
      let visTop = r.top;
      let visBottom = r.bottom;
      for (let p = html.parentElement; p && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        const clipsX = ps.overflowX !== "visible";
        const clipsY = ps.overflowY !== "visible";
        if (!clipsX && !clipsY) continue;
        const b = p.getBoundingClientRect();
        const left = b.left + p.clientLeft;
        const top = b.top + p.clientTop;
        const right = left + p.clientWidth;
        const bottom = top + p.clientHeight;
        const outside = (clipsX && (r.right <= left || r.left >= right)) || (clipsY && (r.bottom <= top || r.top >= bottom));
        if (outside) {
          hiddenByScroll = true;
          break;
        }
        // A list scrolled part-way shows a row half in view: normal along a scrolling vertical axis.
        // Sideways, a control reachable only by scrolling across is what a researcher calls cut.
        const scrollsY = ps.overflowY === "auto" || ps.overflowY === "scroll";
        const cut =
          (clipsX && (r.left < left - slack || r.right > right + slack)) ||
          (clipsY && !scrollsY && (r.top < top - slack || r.bottom > bottom + slack));
        if (scrollsY && (r.top < top - slack || r.bottom > bottom + slack)) partlyScrolledY = true;
        visTop = Math.max(visTop, top);
        visBottom = Math.min(visBottom, bottom);
        if (cut && !clippedBy) clippedBy = `${p.tagName.toLowerCase()}.${[...p.classList].slice(0, 3).join(".")}`;
      }
      if (hiddenByScroll) continue;
      if (clippedBy) {
        out.push(`${describe(el)} is cut by its scroll area ${clippedBy}`);
        continue;
      }
      const offY = !partlyScrolledY && (r.top < -slack || r.bottom > window.innerHeight + slack);
      if (r.left < -slack || r.right > window.innerWidth + slack || offY) {
        out.push(
          `${describe(el)} lies outside the window (${Math.round(r.left)},${Math.round(r.top)} → ${Math.round(r.right)},${Math.round(r.bottom)})`,
        );
        continue;
      }
      // Overlapped: something else is drawn on top of the control's centre.
      const cx = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
      const cy = Math.min(Math.max((visTop + visBottom) / 2, 0), window.innerHeight - 1);
      const hit = document.elementFromPoint(cx, cy);
      const label = html.id ? document.querySelector(`label[for="${CSS.escape(html.id)}"]`) : null;
      if (hit && !html.contains(hit) && !hit.contains(html) && !(label && label.contains(hit)) && !hit.closest("label")?.contains(html)) {
        out.push(`${describe(el)} is covered by ${describe(hit)}`);
      }
    }
    return out;
  });
  return problems.map((p) => `${view}: ${p}`);
}
