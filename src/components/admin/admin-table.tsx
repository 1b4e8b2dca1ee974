import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { thClass } from "@/components/admin/admin-ui";
import { FilterForm } from "@/components/admin/filter-form";
import { Pagination } from "@/components/pagination";
import { inputClass, LabelledField, labelClass, linkClass, secondaryButtonClass, TableScroller } from "@/components/ui";

/**
 * The one list of the consoles (Employee Accounts, Audit Log, Departments, the
 * cloud console's Email Services): a card with a scrolling table, its empty
 * state under it, the search field as a plain GET form (works without
 * JavaScript; focus goes to a field the server found bad) and the paging links.
 * The page draws its rows' cells; the table draws everything around them.
 */

export interface AdminColumn {
  key: string;
  /** The header's words, or a control in the header (a sort link). */
  header: ReactNode;
  /** Words for screen readers only (a column of buttons). */
  srOnly?: boolean;
  /** Extra classes of the header cell. */
  className?: string;
  /** The order the list is sorted in by this column, if it is. */
  sort?: "ascending" | "descending";
}

/** The search field, and the rest of the GET form around it. */
export interface TableSearch {
  /** Where the form goes (the list's address); the current address without it. */
  action?: string;
  /** The form's accessible name. */
  label?: string;
  field: { id: string; name: string; label: string; value: string; maxLength: number; placeholder: string; errors?: string[] };
  /** The form's other fields (filters, hidden parameters), after the search field. */
  filters?: ReactNode;
  submit: string;
  /** The link back to the unfiltered list, when the list is filtered. */
  clear?: { href: string; label: string } | null;
  /** The server found a bad field in the query: focus goes to it. */
  invalid?: boolean;
}

/** How the search form lays out: a row of fields, a grid (fields with their errors), or the console's bar above the table. */
type Layout = "row" | "grid" | "bar";

const LAYOUTS: Record<
  Layout,
  { form: string; field: string; label: string; input: string; buttons: string; button: string; clear: string }
> = {
  row: {
    form: "mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm",
    field: "w-full sm:w-auto sm:min-w-64 sm:flex-1",
    label: labelClass,
    input: inputClass,
    buttons: "contents",
    button: secondaryButtonClass,
    clear: `py-2 text-sm ${linkClass}`,
  },
  grid: {
    form: "mb-4 grid grid-cols-1 items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5",
    field: "min-w-0",
    label: labelClass,
    input: inputClass,
    buttons: "flex items-center gap-3 lg:pt-6",
    button: secondaryButtonClass,
    clear: `text-sm ${linkClass}`,
  },
  bar: {
    form: "flex w-full flex-wrap items-center gap-2 sm:w-auto",
    field: "contents",
    label: "sr-only",
    input: `min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-orange-600 focus:outline-none focus:ring-2 focus:ring-orange-600/30 sm:w-64 sm:flex-none`,
    buttons: "contents",
    button: `rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-orange-600/40`,
    clear: "text-sm text-slate-700 underline underline-offset-2 hover:text-slate-900",
  },
};

/** The domain-management console's tables, and the cloud console's (a grey header row, rules between rows). */
const LOOKS = {
  admin: { table: "w-full border-collapse", head: undefined, th: thClass, body: undefined, empty: "px-4 py-10" },
  console: {
    table: "min-w-full divide-y divide-slate-200",
    head: "bg-slate-50",
    th: "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-700 whitespace-nowrap",
    body: "divide-y divide-slate-100",
    empty: "px-4 py-8",
  },
} as const;

function SearchForm({ search, layout }: { search: TableSearch; layout: Layout }) {
  const c = LAYOUTS[layout];
  const { field } = search;
  const errorId = `${field.id}-err`;
  return (
    <FilterForm invalid={search.invalid ?? false} label={search.label} action={search.action} className={c.form}>
      <LabelledField id={field.id} label={field.label} labelClassName={c.label} errors={field.errors} className={c.field}>
        <input
          id={field.id}
          name={field.name}
          type="search"
          defaultValue={field.value}
          maxLength={field.maxLength}
          placeholder={field.placeholder}
          className={c.input}
          {...(field.errors?.length ? { "aria-invalid": true, "aria-describedby": errorId } : {})}
        />
      </LabelledField>
      {search.filters}
      <div className={c.buttons}>
        <button type="submit" className={c.button}>
          {search.submit}
        </button>
        {search.clear ? (
          <Link href={search.clear.href} className={c.clear}>
            {search.clear.label}
          </Link>
        ) : null}
      </div>
    </FilterForm>
  );
}

export function AdminTable<Row>({
  look = "admin",
  label,
  caption,
  columns,
  rows,
  renderRow,
  empty,
  extraRows,
  search,
  searchLayout = "row",
  summary,
  beforeTable,
  paging,
}: {
  look?: keyof typeof LOOKS;
  /** The scrolling region's accessible name. */
  label: string;
  /** A caption for screen readers. */
  caption?: string;
  columns: AdminColumn[];
  rows: readonly Row[];
  /** One `<tr>` (with its key). */
  renderRow: (row: Row) => ReactNode;
  /** What the table says when it has no rows. */
  empty: ReactNode;
  /** Rows after the list's own (a total). */
  extraRows?: ReactNode;
  search?: TableSearch;
  /** Where the admin look puts its search form: a row of fields or a grid. The console's is a bar in the card. */
  searchLayout?: Exclude<Layout, "bar">;
  /** Beside the console's search bar (how many rows match). */
  summary?: ReactNode;
  /** Between the search form and the table (the bulk actions). */
  beforeTable?: ReactNode;
  /** Previous / next links under the table. */
  paging?: ComponentProps<typeof Pagination>;
}) {
  const l = LOOKS[look];
  const isConsole = look === "console";
  return (
    <>
      {search && !isConsole ? <SearchForm search={search} layout={searchLayout} /> : null}
      {beforeTable}
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        {isConsole && (search || summary) ? (
          <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
            {search ? <SearchForm search={search} layout="bar" /> : null}
            {summary ? <p className="text-sm text-slate-600">{summary}</p> : null}
          </div>
        ) : null}
        <TableScroller label={label}>
          <table className={l.table}>
            {caption ? <caption className="sr-only">{caption}</caption> : null}
            <thead className={l.head}>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.className ? `${l.th} ${c.className}` : l.th} aria-sort={c.sort}>
                    {c.srOnly ? <span className="sr-only">{c.header}</span> : c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className={l.body}>
              {rows.map(renderRow)}
              {extraRows}
            </tbody>
          </table>
          {/* Beside the table, not a row of it: in view however wide the table is (at 320 px the columns scroll). */}
          {rows.length === 0 ? <p className={`${l.empty} text-center text-sm text-slate-600`}>{empty}</p> : null}
        </TableScroller>
        {paging ? (
          isConsole ? (
            <div className="border-t border-slate-200">
              <Pagination {...paging} />
            </div>
          ) : (
            <Pagination {...paging} />
          )
        ) : null}
      </div>
    </>
  );
}
