/**
 * A horizontal bar chart drawn as small SVG bars in HTML rows, so labels and numbers stay real, readable
 * text at any width (a phone shrinks a whole-chart SVG's letters). The bars are decoration for sighted
 * readers (aria-hidden); the table under them carries the same figures for everyone.
 */

export interface ChartSeries {
  readonly key: string;
  readonly name: string;
  readonly colour: string;
}

export interface BarChartProps {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly { label: string; values: readonly { series: string; value: number }[] }[];
  readonly series: readonly ChartSeries[];
  /** The table's first column heading. */
  readonly labelColumn: string;
  readonly format: (n: number) => string;
  readonly empty: string;
}

export const BarChart = ({ id, title, rows, series, labelColumn, format, empty }: BarChartProps) => {
  const max = Math.max(0, ...rows.flatMap((r) => r.values.map((v) => v.value)));
  const colour = (key: string) => series.find((s) => s.key === key)?.colour ?? '#475957';
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {max === 0 ? (
        <p class="state state-empty">{empty}</p>
      ) : (
        <>
          {series.length > 1 ? (
            <ul class="chart-legend" aria-hidden="true">
              {series.map((s) => (
                <li key={s.key}>
                  <svg width="14" height="14" viewBox="0 0 14 14" focusable="false" aria-hidden="true">
                    <rect width="14" height="14" rx="2" fill={s.colour} />
                  </svg>
                  {s.name}
                </li>
              ))}
            </ul>
          ) : null}
          <div class="chart-bars" aria-hidden="true">
            {rows.map((row) => (
              <div class="chart-row" key={row.label}>
                <span class="chart-label">{row.label}</span>
                {row.values.map((v) => (
                  <span class="chart-line" key={v.series}>
                    <svg
                      class="chart-bar"
                      viewBox="0 0 100 10"
                      preserveAspectRatio="none"
                      focusable="false"
                      aria-hidden="true"
                    >
                      <rect width={max ? (v.value / max) * 100 : 0} height="10" fill={colour(v.series)} />
                    </svg>
                    <span class="chart-value">{format(v.value)}</span>
                  </span>
                ))}
              </div>
            ))}
          </div>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{labelColumn}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key} class="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {series.map((s) => (
                    <td key={s.key} class="num">
                      {format(row.values.find((v) => v.series === s.key)?.value ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
};

/** A name for the chart's series in the console's words (platform names need no translation). */
export const PLATFORM_SERIES = (names: { instagram: string; x: string }): ChartSeries[] => [
  { key: 'instagram', name: names.instagram, colour: '#a62b6a' },
  { key: 'x', name: names.x, colour: '#1f5f99' },
];
