// vi and vim: the shared full-screen editor in vi's keys (see editor/text-editor.ts).

import { editorCommand } from '../editor/editor-command';

export const vi = editorCommand('vi', 'vi');
export const vim = editorCommand('vim', 'vi');
