// The roster × labs matrix: a row per learner, a column per lab, each cell its state in words
// (colour only repeats it), with the details in its title and a link to the attempt's replay.

import Link from 'next/link';
import type { ClassView } from '@/app/_server/class-view';
import { cellFacts, cellText, cellTitle, formatUtc } from './cell-text';

export function ClassMatrix({ view }: { view: ClassView }) {
  if (view.rows.length === 0) return <p data-testid="class-matrix-empty">No one has joined this cohort yet.</p>;
  return (
    <div className="class-matrix__scroll">
      <table className="class-matrix" data-testid="class-matrix">
        <caption className="class-matrix__caption">Each learner&apos;s state in each lab</caption>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            {view.labs.map((lab) => (
              <th scope="col" key={lab.labId} data-testid={`class-lab-${lab.labId}`}>
                <Link href={lab.href}>{lab.title}</Link>
                {lab.dueAt && <span className="class-matrix__due">due {formatUtc(lab.dueAt)}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.userId} data-testid={`class-row-${row.email}`}>
              <th scope="row" title={row.email}>
                {row.name}
              </th>
              {row.cells.map((cell, index) => {
                const labTitle = view.labs[index]?.title ?? cell.labId;
                const facts = cellFacts(cell);
                const body = (
                  <>
                    <span className="class-cell__state">{cellText(cell)}</span>
                    {facts.length > 0 && <span className="class-cell__facts">{facts.join(' · ')}</span>}
                  </>
                );
                return (
                  <td
                    key={cell.labId}
                    className={`class-cell class-cell--${cell.state}${cell.late ? ' class-cell--late' : ''}`}
                    title={cellTitle(cell, row.name, labTitle)}
                    data-testid={`class-cell-${row.email}-${cell.labId}`}
                    data-state={cell.state}
                    data-step={cell.step?.id ?? ''}
                  >
                    {cell.attemptId ? <Link href={`/replay/${cell.attemptId}`}>{body}</Link> : body}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
