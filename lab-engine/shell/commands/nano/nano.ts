// nano: the shared full-screen editor in nano's keys (see editor/text-editor.ts).

import { editorCommand } from '../editor/editor-command';

export const nano = editorCommand('nano', 'nano');
