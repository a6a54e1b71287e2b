/** IPC channel names shared by the main process and the preload (no electron import here). */
export const CALL_CHANNEL = 'kiln:call'
export const EVENT_CHANNEL = 'kiln:event'
