// npm run outline: rewrites the course outline in README.md from content/modules.
import { readFileSync, writeFileSync } from 'node:fs';
import { listModules } from '../app/_lessons/catalogue';
import { courseOutlineMarkdown, withOutline } from '../app/_lessons/course-outline';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withOutline(readme, await courseOutlineMarkdown(await listModules())));
console.log('README.md: course outline updated');
