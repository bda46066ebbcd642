export const handler = () => ({ status: 200 });
