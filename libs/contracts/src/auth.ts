export const ROLES = ['staff', 'employer', 'candidate', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting. Travels with every RPC call and job so services can enforce ownership themselves. */
export interface Actor {
  sub: string;
  role: Role;
  /** Set for employer users: the one employer whose data they may see. */
  employerId?: string;
  /** Set for candidates: their own profile. */
  candidateId?: string;
}
