// The signed-in person from GET /api/me: main.js fills it at sign-in and clears it when the session ends; pages
// read it to decide which controls to render.
export const session = { me: null, can: (permission) => Boolean(session.me?.permissions?.includes(permission)) };
