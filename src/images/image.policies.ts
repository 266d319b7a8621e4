import { open } from '../core/policy.ts';

/** Image files: anybody may ask; the service decides whether the file exists for the caller (a draft's cover: its owner only). */
export const imagePolicies = {
  view: open({ allows: () => true }),
};
