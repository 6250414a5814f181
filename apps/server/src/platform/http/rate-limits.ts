/** Per-address limits for the public forms (in memory, per process; login also has the database throttle). */
export const publicFormLimits = {
  application: { max: 30, timeWindow: "10 minutes" },
  passwordReset: { max: 20, timeWindow: "10 minutes" },
  invitation: { max: 60, timeWindow: "10 minutes" },
  login: { max: 120, timeWindow: "1 minute" },
} as const;
