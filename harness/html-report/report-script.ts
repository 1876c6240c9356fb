// The report's only script, inlined: sorts a table when a column header's button is pressed (mouse or
// keyboard), and says so with aria-sort; keeps the reviewer's marks in the page's marks block (and in the fields'
// own attributes), so a page saved from the browser carries them. The page works without it; the CSP allows
// exactly this script.
export const reportScript = `
for (const table of document.querySelectorAll('table.sortable')) {
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, column) => {
    const button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const body = table.tBodies[0];
      const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        const order = x !== '' && y !== '' && !isNaN(x) && !isNaN(y) ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
}
const store = document.getElementById('bch-marks');
if (store) {
  const marks = JSON.parse(store.textContent);
  for (const set of document.querySelectorAll('fieldset.marks')) {
    const own = (marks.candidates[set.dataset.candidate] ??= { criteria: {} });
    set.addEventListener('input', (event) => {
      const field = event.target;
      const value = field.value === '' ? undefined : field.value;
      if (field.dataset.criterion !== undefined) {
        (own.criteria[field.dataset.criterion] ??= {}).mark = value;
        for (const option of field.options) option.toggleAttribute('selected', option.selected);
      } else if (field.dataset.note !== undefined) {
        (own.criteria[field.dataset.note] ??= {}).note = value;
        field.textContent = field.value;
      } else if (field.dataset.notes !== undefined) {
        own.notes = value;
        field.textContent = field.value;
      }
      store.textContent = JSON.stringify(marks).replace(/</g, '\\\\u003c');
    });
  }
}
`;
