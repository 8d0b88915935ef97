/** A record of the catalogue and its copies, as every service that lends or looks up books sees them. */

export interface CatalogueRecord {
  id: number;
  isbn: string;
  title: string;
  author: string;
  publisher: string | null;
  year: number | null;
  subjects: string;
}

export type CopyStatus = 'available' | 'on_loan' | 'on_hold' | 'missing';

export interface Copy {
  id: number;
  recordId: number;
  itemBarcode: string;
  callNumber: string;
  location: string;
  status: CopyStatus;
  /** Set while on loan. */
  dueDate: string | null;
  /** The pickup location the copy is on its way to for a request (it is then 'on_hold'): code and stored name. */
  transitTo: { code: string; name: string } | null;
}
