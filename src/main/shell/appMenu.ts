import { app, clipboard, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { installCommandLineTool, type InstallOutcome } from './commandLineTool.ts';

/**
 * The macOS application menu: Electron's usual items (About, Services, Hide, Quit, Edit, Window) plus "Install
 * 'lagoon' Command in PATH", as code editors offer it. Other platforms keep Electron's default menu (there the
 * installer, or the deb's /usr/bin/lagoon, provides the command).
 */

export const INSTALL_COMMAND_LABEL = "Install 'lagoon' Command in PATH";

const tellOutcome = async (outcome: InstallOutcome): Promise<void> => {
  switch (outcome.status) {
    case 'installed':
    case 'already':
      await dialog.showMessageBox({
        type: 'info',
        message: "The 'lagoon' command is installed",
        detail: `${outcome.link} runs Lagoon's command line. Open a new terminal and try: lagoon --help`,
      });
      return;
    case 'taken':
      await dialog.showMessageBox({
        type: 'warning',
        message: "Another 'lagoon' command is already installed",
        detail: `${outcome.link} is not Lagoon's, so it was left as it is. Remove it first to install Lagoon's.`,
      });
      return;
    case 'denied': {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        message: `Lagoon may not write to ${outcome.link}`,
        detail: `Run this in a terminal (it asks for your password):\n\n${outcome.command}`,
        buttons: ['Copy Command', 'Close'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response === 0) clipboard.writeText(outcome.command);
    }
  }
};

/** The menu's action: link the command, then say what happened (nothing is replaced unasked). */
const installCommandAction = (opts: { resourcesPath: string; linkDir: string }) => async (): Promise<void> => {
  try {
    await tellOutcome(await installCommandLineTool(opts));
  } catch (error) {
    dialog.showErrorBox("The 'lagoon' command could not be installed", error instanceof Error ? error.message : String(error));
  }
};

const macAppMenu = (install: () => Promise<void>): MenuItemConstructorOptions[] => [
  {
    label: app.name,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { label: `${INSTALL_COMMAND_LABEL}…`, click: () => void install() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  },
  { role: 'editMenu' },
  { role: 'windowMenu' },
];

export const installAppMenu = (platform: NodeJS.Platform, opts: { resourcesPath: string; linkDir: string }): void => {
  if (platform !== 'darwin') return;
  Menu.setApplicationMenu(Menu.buildFromTemplate(macAppMenu(installCommandAction(opts))));
};
