/** See instantsearch-headless.js: the packages' own types stay out of the Worker's type check. */
type Connector = (render: (options: any) => void) => (parameters: Record<string, unknown>) => unknown;
export const instantsearch: (options: { indexName: string; searchClient: unknown }) => any;
export const connectConfigure: Connector;
export const connectHits: Connector;
export const connectPagination: Connector;
export const connectRange: Connector;
export const connectRefinementList: Connector;
export const connectSearchBox: Connector;
export const connectStats: Connector;
export const instantMeiliSearch: (host: string, apiKey?: string, options?: Record<string, unknown>) => { searchClient: any; [key: string]: any };
