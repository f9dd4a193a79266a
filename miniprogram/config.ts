/**
 * Deployment settings of the mini-program. The CloudBase environment id is the only value that
 * differs between deployments: set it to your environment's id before uploading.
 */
export const CLOUD_ENV = 'doorstep-0g1h2i3j';

export const APP_NAME = '家门口';

/** Storage keys used by the app (one place, so none collide). */
export const STORAGE_KEYS = {
  elderMode: 'doorstep.elderMode',
  signupForm: 'doorstep.signupForm',
} as const;
