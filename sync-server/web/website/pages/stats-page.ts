// The operator's usage page: one small bar chart per event over the last days (inline SVG drawn
// from numbers only, so it needs no script and no inline style), and totals per version. For
// the operator only, so it stays in English.
import { CSRF_FIELD } from '../csrf.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { websiteWords } from '../messages/website-words.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { USAGE_EVENTS, type CountRow, type UsageEvent } from '../usage-counts.ts';

const CHART = { width: 320, height: 64, gap: 1 } as const;

function chart(event: UsageEvent, days: readonly string[], perDay: ReadonlyMap<string, number>): SafeHtml {
  const max = Math.max(1, ...perDay.values());
  const barWidth = CHART.width / days.length;
  const total = [...perDay.values()].reduce((a, b) => a + b, 0);
  const bars = days.map((day, i) => {
    const value = perDay.get(day) ?? 0;
    const h = Math.round((value / max) * (CHART.height - 2));
    const x = (i * barWidth).toFixed(1);
    return html`<rect class="bar" x="${x}" y="${CHART.height - h}" width="${Math.max(1, barWidth - CHART.gap).toFixed(1)}" height="${h}"><title>${day}: ${value}</title></rect>`;
  });
  return html`<figure class="chart">
  <figcaption><strong>${event.replaceAll('_', ' ')}</strong> <span class="small">${total} in ${days.length} days, peak ${max}</span></figcaption>
  <svg role="img" aria-label="${event}: ${total} over ${days.length} days" viewBox="0 0 ${CHART.width} ${CHART.height}" width="${CHART.width}" height="${CHART.height}">
    <line class="axis" x1="0" y1="${CHART.height - 0.5}" x2="${CHART.width}" y2="${CHART.height - 0.5}"></line>
    ${bars}
  </svg>
</figure>`;
}

export function statsPage(rows: readonly CountRow[], days: readonly string[]): SafeHtml {
  const byEvent = new Map<UsageEvent, Map<string, number>>();
  const byVersion = new Map<string, number>();
  for (const row of rows) {
    const perDay = byEvent.get(row.event) ?? new Map<string, number>();
    perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.count);
    byEvent.set(row.event, perDay);
    const key = `${row.event}\u0000${row.version}`;
    byVersion.set(key, (byVersion.get(key) ?? 0) + row.count);
  }
  const totals = [...byVersion].map(([key, count]) => [...key.split('\u0000'), count] as const);
  const body = html`<section class="stats">
  <h1>Usage counts</h1>
  <p>Daily counts from extensions whose users switched usage counts on, ${days[0] ?? ''} to ${days.at(-1) ?? ''} (UTC).</p>
  <div class="charts">${USAGE_EVENTS.map((event) => chart(event, days, byEvent.get(event) ?? new Map()))}</div>
  <h2>Totals by version</h2>
  ${totals.length === 0
    ? html`<p>No counts yet.</p>`
    : html`<table><thead><tr><th scope="col">Event</th><th scope="col">Version</th><th scope="col">Count</th></tr></thead>
  <tbody>${totals.map(([event, version, count]) => html`<tr><td>${event}</td><td>${version}</td><td>${count}</td></tr>`)}</tbody></table>`}
</section>`;
  return layout({ words: websiteWords('en'), title: 'Usage · LeaveTheMeeting', body });
}

export function statsSignInPage(csrfToken: string, error: string | null): SafeHtml {
  const body = html`<section class="message">
  <h1>Usage counts</h1>
  <p>This page is for the relay’s operator. Enter the stats token (the <code>LTM_STATS_TOKEN</code> setting, or the file <code>stats-token</code> in the data directory).</p>
  <form method="post" action="${Routes.stats}">
    <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
    <label for="stats-token">Stats token</label>
    <div class="row"><input id="stats-token" name="token" type="password" autocomplete="off" required${error ? html` aria-invalid="true" aria-describedby="stats-error"` : ''}><button type="submit">Show counts</button></div>
    ${error ? html`<p id="stats-error" class="error" role="alert">${error}</p>` : ''}
  </form>
</section>`;
  return layout({ words: websiteWords('en'), title: 'Usage · LeaveTheMeeting', body });
}
