// Vite's `?url` imports, for the bench page's worker (tsconfig.node.json has no vite/client types).
declare module '*?url' {
  const url: string;
  export default url;
}
