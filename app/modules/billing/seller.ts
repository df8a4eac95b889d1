/** The seller printed on quotes and invoices. */
export const seller = {
  name: "AFNOR — Association française de normalisation",
  address: ["11 rue Francis de Pressensé", "93571 La Plaine Saint-Denis Cedex"],
  siret: "77572481800015",
  vatNumber: "FR 62 775724818",
  email: "barometre@afnor.example",
};
