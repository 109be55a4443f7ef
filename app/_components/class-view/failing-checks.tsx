// The checks and feedback IDs that fail most across the cohort: a heatmap of lab × check, each row
// shaded by the share of the members graded on that check whose latest result fails it.

import type { ClassView } from '@/app/_server/class-view';

export function FailingChecks({ view }: { view: ClassView }) {
  if (view.heatmap.length === 0) return <p data-testid="failing-checks-empty">No check is failing for anyone right now.</p>;
  return (
    <>
      <table className="progress-table class-heatmap" data-testid="failing-checks">
        <thead>
          <tr>
            <th scope="col">Lab</th>
            <th scope="col">Step</th>
            <th scope="col">Check</th>
            <th scope="col">Members failing</th>
          </tr>
        </thead>
        <tbody>
          {view.heatmap.map((row) => {
            const share = row.graded === 0 ? 0 : row.failing / row.graded;
            return (
              <tr key={`${row.labId}/${row.checkId}`} data-testid={`heat-${row.labId}-${row.checkId}`} data-failing={row.failing}>
                <td>{row.labTitle}</td>
                <td>{row.stepTitle}</td>
                <td>
                  {row.checkTitle} <code>{row.checkId}</code>
                </td>
                <td className="class-heatmap__count" style={{ background: `color-mix(in srgb, var(--danger) ${Math.round(10 + share * 50)}%, transparent)` }}>
                  {row.failing} of {row.graded}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Feedback given most</h3>
      <table className="progress-table" data-testid="failing-feedback">
        <thead>
          <tr>
            <th scope="col">Feedback ID</th>
            <th scope="col">Lab / check</th>
            <th scope="col">Members</th>
          </tr>
        </thead>
        <tbody>
          {view.feedback.map((row) => (
            <tr key={`${row.labId}/${row.checkId}/${row.feedbackId}`}>
              <td>
                <code>{row.feedbackId}</code>
              </td>
              <td>
                {row.labId} / {row.checkId}
              </td>
              <td>{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
