import type { IsoTime } from './envelope';

export type ActivityStatus = 'draft' | 'published' | 'cancelled';
export type SignupStatus = 'confirmed' | 'waitlisted' | 'pending' | 'cancelled' | 'rejected';

export interface ActivityLocation {
  name: string;
  latitude?: number;
  longitude?: number;
  radiusM?: number;
}

export interface SignupForm {
  name: string;
  phone: string;
  note?: string;
}

export interface ActivityView {
  activityId: string;
  title: string;
  type?: string;
  projectId?: string;
  startsAt: IsoTime;
  endsAt: IsoTime;
  signupEndsAt?: IsoTime;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  location?: ActivityLocation;
  description?: string;
  status: ActivityStatus;
  /** The caller's own sign-up, if any. */
  me?: { status: SignupStatus; position?: number; checkedIn?: boolean } | null;
}

export interface RosterItem {
  signupId: string;
  name: string;
  phoneMasked: string;
  status: SignupStatus;
  checkedIn: boolean;
  forOther?: boolean;
}

export interface ActivityApi {
  create: {
    req: {
      title: string;
      startsAt: IsoTime;
      endsAt: IsoTime;
      capacity: number;
      projectId?: string;
      type?: string;
      signupEndsAt?: IsoTime;
      location?: ActivityLocation;
      description?: string;
    };
    res: { activityId: string };
  };
  get: { req: { activityId: string }; res: ActivityView };
  list: { req: { projectId?: string; from?: IsoTime }; res: { items: ActivityView[] } };
  signup: {
    req: { activityId: string; form?: SignupForm; forOther?: { name: string; phone: string } };
    res: { status: 'confirmed' | 'waitlisted' | 'pending'; position?: number; signupId?: string };
  };
  cancel: { req: { activityId: string }; res: { status: 'cancelled'; promoted?: number } };
  roster: { req: { activityId: string }; res: { items: RosterItem[] } };
}
