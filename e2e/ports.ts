// Where the e2e servers listen. E2E_PORT (app; models on the next port) and E2E_DIST let two
// checkouts or sessions run Playwright side by side without sharing a server or a build.
export const APP_PORT = Number(process.env.E2E_PORT ?? 4173);
export const MODELS_PORT = APP_PORT + 1;
export const DIST = process.env.E2E_DIST ?? 'dist';
