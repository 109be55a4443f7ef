// vi / vim / nano as shell commands: open the shared full-screen editor on a file of the virtual
// filesystem (a new file if it does not exist) and write it back on save. Without a live
// terminal (a script or a pipe) they refuse instead of waiting for keys that never come.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { editText, type EditorFlavour } from './text-editor';

export function editorCommand(name: string, flavour: EditorFlavour): ShellCommand {
  return {
    name,
    async run({ args, fs, terminal }) {
      const files = args.filter((a) => !a.startsWith('-') && !a.startsWith('+'));
      const bad = args.find((a) => a.startsWith('-') && a !== '--');
      if (bad) return fail(flavour === 'vi' ? `VIM - Vi IMproved: Unknown option argument: "${bad}"\nMore info with: "vim -h"\n` : `nano: invalid option -- '${bad.slice(1, 2)}'\n`);
      if (files.length > 1) return fail(`${name}: this terminal edits one file at a time\n`);
      const file = files[0];
      if (!terminal?.takeInput) return fail(`${name}: not a terminal; open the editor at the prompt\n`);
      if (file !== undefined && fs.isDirectory(file)) return fail(flavour === 'vi' ? `"${file}" is a directory\n` : `nano: ${file}: Is a directory\n`);
      const text = file === undefined ? '' : fs.read(file) ?? '';
      await editText(terminal, flavour, file ?? '[No Name]', text, (next) => {
        if (file === undefined) return 'E32: No file name';
        const written = fs.write(file, next);
        return written.ok ? null : `"${file}" E212: Can't open file for writing: ${written.reason}`;
      });
      return ok();
    },
  };
}
