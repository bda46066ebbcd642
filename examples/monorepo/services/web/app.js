// The web front end of the example monorepo: it does not use libs/common, so a change there leaves it alone.
export const render = (page) => `<h1>${page.title}</h1>`;
