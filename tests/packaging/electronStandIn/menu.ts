import { record } from './record.ts';

/** The parts of Electron's menu item options main passes (roles, labels, separators, click handlers, submenus). */
interface StandInMenuItem {
  label?: string;
  role?: string;
  type?: string;
  click?: () => void;
  submenu?: StandInMenuItem[];
}

/** Menu as main uses it: the template kept as given, so a test can find an item by its label and click it. */
export class Menu {
  private static current: Menu | null = null;
  readonly items: StandInMenuItem[];
  private constructor(items: StandInMenuItem[]) {
    this.items = items;
  }

  static buildFromTemplate(template: StandInMenuItem[]): Menu {
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.current = menu;
    const outline = (items: StandInMenuItem[]): unknown[] =>
      items.map((item) => (item.submenu ? { label: item.label ?? item.role, submenu: outline(item.submenu) } : (item.label ?? item.role ?? item.type)));
    record('Menu.setApplicationMenu', { menu: menu ? outline(menu.items) : null });
  }

  static getApplicationMenu(): Menu | null {
    return Menu.current;
  }

  /** The item with this label, at any depth (the stand-in's own helper: Electron's is getMenuItemById). */
  itemLabelled(label: string): StandInMenuItem | undefined {
    const walk = (items: StandInMenuItem[]): StandInMenuItem | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        const inner = item.submenu ? walk(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(this.items);
  }
}
