// The site shell around every page: the header (home link, course search, account menu), the page
// body, and the dock that turns a page's lab column into a drawer on narrow screens.
// Fonts are the system's own, so nothing is fetched from a third party.

import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AccountMenu } from '@/app/_components/account-menu';
import { CourseSearch } from '@/app/_components/course-search';
import { LabDock } from '@/app/_components/lesson/lab-dock';
import './globals.css';
import './_components/course-search.css';
import './_components/lesson/lesson-components.css';
import './learn/lesson-page.css';

export const metadata: Metadata = {
  title: { default: 'Flatnet', template: '%s · Flatnet' },
  description: 'Learn Kubernetes networking by doing it: lessons beside a simulated cluster.',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-header__home">
            Flatnet
          </Link>
          <CourseSearch />
          <AccountMenu />
        </header>
        <div id="main" className="site-main">
          {children}
        </div>
        <LabDock />
      </body>
    </html>
  );
}
