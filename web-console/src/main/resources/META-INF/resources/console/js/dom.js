// Small DOM helpers shared by the pages: table cells and messages that show and hide.

/** A table cell holding the text, with a class and a data-testid when given. */
export function cell(text, className, testid) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  if (testid) {
    td.dataset.testid = testid;
  }
  return td;
}

/** Shows the element with the text. */
export function show(element, text) {
  element.textContent = text;
  element.hidden = false;
}

/** Hides the element and empties it. */
export function hide(element) {
  element.hidden = true;
  element.textContent = '';
}
