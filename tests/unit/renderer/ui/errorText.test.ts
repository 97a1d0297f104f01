import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorText } from "../../../../renderer/ui/ErrorText";

describe("ErrorText, the one red error paragraph", () => {
  it("is an alert paragraph in the app's red, with the caller's spacing first", () => {
    expect(renderToStaticMarkup(createElement(ErrorText, { className: "mt-2 text-sm", children: "Nothing was deleted: gone" }))).toBe(
      '<p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-400">Nothing was deleted: gone</p>',
    );
    expect(renderToStaticMarkup(createElement(ErrorText, { children: "Wrong passphrase" }))).toBe(
      '<p role="alert" class="text-red-700 dark:text-red-400">Wrong passphrase</p>',
    );
  });

  it("can be a span or a list, carry an id for aria-describedby, and use the darker red", () => {
    expect(
      renderToStaticMarkup(createElement(ErrorText, { as: "span", id: "rename-error-1", className: "text-xs", children: "Taken" })),
    ).toBe('<span id="rename-error-1" role="alert" class="text-xs text-red-700 dark:text-red-400">Taken</span>');
    expect(renderToStaticMarkup(createElement(ErrorText, { tone: "strong", children: "Failed" }))).toBe(
      '<p role="alert" class="text-red-800 dark:text-red-300">Failed</p>',
    );
    expect(renderToStaticMarkup(createElement(ErrorText, { as: "ul", children: createElement("li", null, "a") }))).toBe(
      '<ul role="alert" class="text-red-700 dark:text-red-400"><li>a</li></ul>',
    );
  });
});
