'use client';
// The lab on a narrow screen. Beside a lesson there is room for the lab only above 1180 px; below
// that the lab column would sit under the whole lesson (7,500 px down on a phone) and a Run would
// type into a terminal nobody sees. Here the page's lab column (`.lesson-lab`, on lesson and lab
// pages) becomes a drawer over the bottom of the screen with a Terminal tab that is always in
// reach, and every Run opens it and brings the terminal into view. Wide screens keep the column;
// without JavaScript the column stays where the page put it.

import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { RUN_COMMAND_EVENT } from './run-bridge';
import './lab-dock.css';

const NARROW = '(max-width: 1180px)';

function labColumn(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.lesson-lab');
}

export function LabDock() {
  const pathname = usePathname();
  const [present, setPresent] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const [open, setOpen] = useState(false);

  // A new page may or may not have a lab; a drawer left open on the last one starts closed.
  useEffect(() => {
    const media = window.matchMedia(NARROW);
    const update = () => setNarrow(media.matches);
    update();
    media.addEventListener('change', update);
    setPresent(labColumn() !== null);
    setOpen(false);
    return () => media.removeEventListener('change', update);
  }, [pathname]);

  useEffect(() => {
    const column = labColumn();
    if (!column) return;
    if (!narrow) {
      delete column.dataset.drawer;
      delete document.documentElement.dataset.labDrawer;
      return;
    }
    column.id ||= 'lab-drawer';
    column.dataset.drawer = open ? 'open' : 'closed';
    document.documentElement.dataset.labDrawer = open ? 'open' : 'closed';
    return () => {
      delete column.dataset.drawer;
      delete document.documentElement.dataset.labDrawer;
    };
  }, [narrow, open, present]);

  const reveal = useCallback(() => {
    if (window.matchMedia(NARROW).matches) setOpen(true);
    // After the drawer's class is set (or, on a wide screen, at once): the terminal into view.
    requestAnimationFrame(() => labColumn()?.scrollIntoView({ block: 'nearest' }));
  }, []);

  useEffect(() => {
    window.addEventListener(RUN_COMMAND_EVENT, reveal);
    return () => window.removeEventListener(RUN_COMMAND_EVENT, reveal);
  }, [reveal]);

  if (!present || !narrow) return null;
  return (
    <div className={`lab-dock${open ? ' lab-dock--open' : ''}`}>
      <button
        type="button"
        className="lab-dock__toggle"
        data-testid="lab-dock-toggle"
        aria-expanded={open}
        aria-controls="lab-drawer"
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">{open ? '▼' : '▲'}</span> {open ? 'Hide the terminal' : 'Terminal'}
      </button>
    </div>
  );
}
