/**
 * Where the core reads the time for what it records (award and revocation dates). Injected
 * through createCore/Station.open, so a test moves time forward instead of sleeping.
 */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()
