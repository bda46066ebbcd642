import { button } from '@acme/ui-kit';

export const page = () => button('Buy');
