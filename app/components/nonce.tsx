import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;
/** The per-request CSP nonce that lets our own inline scripts run. */
export const useNonce = () => useContext(NonceContext);
