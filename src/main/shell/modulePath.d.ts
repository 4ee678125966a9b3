/** electron-vite's `?modulePath` import: the module is built as its own chunk and this is its path (for a Worker). */
declare module '*?modulePath' {
  const path: string;
  export default path;
}
