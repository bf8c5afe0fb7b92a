// The emulator's pages' icon, served at /favicon.ico on the web origin so a
// browser finds one and logs no 404: Polar's round mark with a "P".
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#111113"/><text x="16" y="22" font-family="system-ui,sans-serif" font-size="17" font-weight="700" fill="#fff" text-anchor="middle">P</text></svg>`;
