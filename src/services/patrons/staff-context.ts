/** Who did something at the staff console, for the audit log: the member of staff, from which address. */
export interface StaffContext {
  staffId: number;
  clientAddress: string | null;
}
